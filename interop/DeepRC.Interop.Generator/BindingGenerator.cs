namespace DeepRC.Interop.Generator;

/// <summary>One generated file: its path relative to the repository root and its exact content.</summary>
internal sealed record GeneratedFile(string RelativePath, string Content);

/// <summary>Header → generated files. No file system writes: Program and the tests decide what to do
/// with the result.</summary>
internal static class BindingGenerator
{
    public const string HeaderPath = "native/include/deeprc/deeprc.h";
    public const string IncludeDirectory = "native/include";
    public const string CSharpOutput = "managed/DeepRC/Interop/NativeMethods.g.cs";
    public const string LayoutProbeOutput = "native/src/capi/layout_probe.g.c";

    /// <summary>The files generated from the repository's header.</summary>
    public static IReadOnlyList<GeneratedFile> GenerateForRepository(string repoRoot, string? clang = null)
    {
        var header = Path.Combine(repoRoot, HeaderPath);
        var model = ReadHeader(header, Path.Combine(repoRoot, IncludeDirectory), clang);
        return
        [
            new GeneratedFile(CSharpOutput, CSharpEmitter.Emit(model, Path.GetFileName(header))),
            new GeneratedFile(LayoutProbeOutput, CLayoutProbeEmitter.Emit(model, Path.GetFileName(header), "deeprc/deeprc.h")),
        ];
    }

    /// <summary>Runs clang on <paramref name="headerPath"/> and collects its declarations and integer macros.</summary>
    public static HeaderModel ReadHeader(string headerPath, string includeDirectory, string? clang = null)
    {
        headerPath = Path.GetFullPath(headerPath);
        var workingDirectory = Path.GetDirectoryName(headerPath)!;
        var json = ClangRunner.DumpAst(clang ?? ClangRunner.FindOrThrow(), headerPath, Path.GetFullPath(includeDirectory), workingDirectory);
        var model = AstReader.Read(json, headerPath, workingDirectory);
        model.Constants.AddRange(MacroScanner.Scan(File.ReadAllText(headerPath)));
        return model;
    }

    /// <summary>Finds the repository root (the directory holding DeepRC.sln) at or above <paramref name="start"/>.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DeepRC.sln")))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
