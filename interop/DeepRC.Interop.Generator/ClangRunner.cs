using System.Diagnostics;

namespace DeepRC.Interop.Generator;

/// <summary>Finds clang and runs it to produce the JSON AST of a header.</summary>
internal static class ClangRunner
{
    /// <summary>Environment variable that names the clang executable to use.</summary>
    public const string ClangVariable = "DRC_CLANG";

    /// <summary>$DRC_CLANG, else clang-14 (the version our build script installs), else clang on PATH.
    /// Returns null when none is found.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(ClangVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : FindOnPath(configured);
        }
        return FindOnPath("clang-14") ?? FindOnPath("clang");
    }

    public static string FindOrThrow()
    {
        var configured = Environment.GetEnvironmentVariable(ClangVariable);
        return Find() ?? throw new GeneratorException(string.IsNullOrWhiteSpace(configured)
            ? $"clang not found: install clang-14 (./build.sh deps) or set {ClangVariable} to a clang executable"
            : $"clang not found: {ClangVariable}={configured} is neither a file nor a command on PATH");
    }

    private static string? FindOnPath(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Runs <c>clang -x c -std=c11 -Xclang -ast-dump=json -fsyntax-only -I include header</c>
    /// and returns the JSON. Parsing as C (not C++) keeps the header honest as a C ABI.</summary>
    public static string DumpAst(string clang, string headerPath, string includeDirectory, string workingDirectory)
    {
        var start = new ProcessStartInfo(clang)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-x", "c", "-std=c11", "-Xclang", "-ast-dump=json", "-fsyntax-only", "-I", includeDirectory, headerPath })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new GeneratorException($"could not start {clang}");
        // Read stderr concurrently: a full stderr pipe would otherwise block clang while we wait on stdout.
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new GeneratorException($"{clang} failed on {headerPath} (exit {process.ExitCode}):\n{stderr.Result}");
        }
        return stdout;
    }
}
