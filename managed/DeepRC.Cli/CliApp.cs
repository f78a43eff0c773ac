using System.CommandLine;
using System.CommandLine.Help;
using DeepRC.Cli.Commands;

namespace DeepRC.Cli;

/// <summary>The `deeprc` command line. Exit codes: 0 success, 1 data or runtime error (one line
/// on stderr naming the file/row/column), 2 usage error.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int DataError = 1;
    public const int UsageError = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // A plain Command (not RootCommand) so help shows "deeprc" rather than the assembly name.
        var root = new Command("deeprc", "DeepRC: distributed Arrow dataframes and deep-learning pipelines");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        var context = new CliContext(stdout, stderr);
        root.Subcommands.Add(ConvertCommand.Create(context));
        root.Subcommands.Add(SchemaCommand.Create(context));
        root.Subcommands.Add(HeadCommand.Create(context));
        root.Subcommands.Add(SortCommand.Create(context));
        root.Subcommands.Add(GenCommand.Create(context));
        root.Subcommands.Add(JoinCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        foreach (var c in ExprCommands.Create(context)) root.Subcommands.Add(c);
        foreach (var c in UniqueCommands.Create(context)) root.Subcommands.Add(c);
        root.Subcommands.Add(GroupByCommand.Create(context));

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"deeprc: {error.Message}");
            stderr.WriteLine("Run 'deeprc --help' for usage.");
            return UsageError;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"deeprc: {e.Message}");
            return UsageError;
        }
        catch (Exception e) when (e is DeepRcException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"deeprc: error: {OneLine(e.Message)}");
            return DataError;
        }
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}

/// <summary>Where commands write; lets tests capture output.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error);

/// <summary>A usage error found after parsing (e.g. an unknown file extension); exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
