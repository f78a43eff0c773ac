using System.Diagnostics;

namespace DeepRC.Tests.Distributed;

/// <summary>
/// The CLI launched the way users launch it: <c>mpirun -np P deeprc join ... --comm mpi|gloo</c>.
/// Every distributed result is compared with the local command's result on the same files.
/// </summary>
public class MpirunCliTests
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "DeepRC.Cli.dll");

    private static (int Code, string Out, string Err) Mpirun(int ranks, params string[] args)
    {
        var psi = new ProcessStartInfo("mpirun") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), "--oversubscribe", "--mca", "btl", "self,vader" })
            psi.ArgumentList.Add(a);
        if (Environment.UserName == "root") psi.ArgumentList.Add("--allow-run-as-root");
        psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(CliDll);
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment["DEEPRC_PLUGIN_DIR"] = AppContext.BaseDirectory;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start mpirun");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("mpirun did not finish within 3 minutes");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static (string Left, string Right, string Dir) Inputs()
    {
        string dir = Reference.TempDir();
        string l = Path.Combine(dir, "l.arrow"), r = Path.Combine(dir, "r.csv");
        using (var lt = Table.Generate("W1L", 20_000)) lt.Write(l);
        using (var rt = Table.Generate("W1R", 20_000)) rt.Write(r);
        return (l, r, dir);
    }

    private static List<string> LocalJoin(string l, string r)
    {
        using var lt = Table.Read(l);
        using var rt = Table.Read(r);
        using var j = lt.Join(rt, "key");
        return RankRunner.SortedRows(j);
    }

    [Theory]
    [InlineData("mpi", 2)]
    [InlineData("mpi", 3)]
    [InlineData("gloo", 2)]
    public void GatheredJoinEqualsLocalJoin(string comm, int ranks)
    {
        var (l, r, dir) = Inputs();
        string output = Path.Combine(dir, "out.arrow");
        var run = Mpirun(ranks, "join", l, r, "--on", "key", "--comm", comm, "--gather", "-o", output, "--threads", "1");
        Assert.True(run.Code == 0, $"exit {run.Code}: {run.Err}");
        Assert.Contains($"{ranks} ranks", run.Out);
        using var got = Table.ReadArrow(output);
        Assert.Equal(LocalJoin(l, r), RankRunner.SortedRows(got));
    }

    [Fact]
    public void PerRankSortFilesConcatenateToTheLocalSort()
    {
        var (l, _, dir) = Inputs();
        string output = Path.Combine(dir, "sorted.arrow");
        var run = Mpirun(3, "sort", l, "--by", "key", "--comm", "mpi", "-o", output, "--threads", "1");
        Assert.True(run.Code == 0, $"exit {run.Code}: {run.Err}");
        var parts = Enumerable.Range(0, 3).Select(rank => Table.ReadArrow(Table.RankPath(output, rank))).ToArray();
        using var all = Table.Concat(parts);
        foreach (var p in parts) p.Dispose();
        using var lt = Table.Read(l);
        using var sorted = lt.Sort(SortKey.Asc("key"));
        Assert.Equal(RankRunner.Rows(sorted), RankRunner.Rows(all));
    }

    [Fact]
    public void AnUnknownKeyFailsEveryRankWithExitCode1AndNoOutput()
    {
        var (l, r, dir) = Inputs();
        string output = Path.Combine(dir, "bad.arrow");
        var run = Mpirun(2, "join", l, r, "--on", "nokey", "--comm", "mpi", "--gather", "-o", output);
        Assert.NotEqual(0, run.Code);
        Assert.Contains("nokey", run.Err);
        Assert.False(File.Exists(output));
    }
}
