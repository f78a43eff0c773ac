using DeepRC.Interop.Generator;

namespace DeepRC.Tests.Interop;

/// <summary>A fact that needs clang to run the binding generator. Skipped (not failed) only when
/// no clang is found and DRC_CLANG is unset; ./build.sh deps installs clang-14, so in CI these
/// tests always run. A DRC_CLANG pointing nowhere fails the tests instead of silently skipping.</summary>
public sealed class ClangFactAttribute : FactAttribute
{
    public ClangFactAttribute()
    {
        if (ClangRunner.Find() is null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ClangRunner.ClangVariable)))
        {
            Skip = $"clang not found (set {ClangRunner.ClangVariable} or install clang-14); the binding generator needs it";
        }
    }
}
