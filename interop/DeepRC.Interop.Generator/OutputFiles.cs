using System.Text;

namespace DeepRC.Interop.Generator;

/// <summary>Writes generated files, or compares them with what is on disk (--check).</summary>
internal static class OutputFiles
{
    // No BOM: the files must be byte-identical however they were produced.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static int Write(string repoRoot, IEnumerable<GeneratedFile> files, TextWriter log)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(repoRoot, file.RelativePath);
            if (File.Exists(path) && File.ReadAllText(path, Utf8) == file.Content)
            {
                log.WriteLine($"unchanged {file.RelativePath}");
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content, Utf8);
            log.WriteLine($"wrote     {file.RelativePath}");
        }
        return 0;
    }

    public static int Check(string repoRoot, IEnumerable<GeneratedFile> files, TextWriter log)
    {
        var stale = 0;
        foreach (var file in files)
        {
            var path = Path.Combine(repoRoot, file.RelativePath);
            var existing = File.Exists(path) ? File.ReadAllText(path, Utf8) : null;
            var difference = existing is null ? $"--- {file.RelativePath}: missing\n" : LineDiff.Describe(file.RelativePath, existing, file.Content);
            if (difference is not null)
            {
                stale++;
                log.Write(difference);
            }
        }
        if (stale > 0)
        {
            log.WriteLine($"{stale} generated file(s) out of date; run: dotnet run --project interop/DeepRC.Interop.Generator");
            return 1;
        }
        log.WriteLine("generated files are up to date");
        return 0;
    }
}
