using DeepRC.Interop.Generator;

namespace DeepRC.Tests.Interop;

/// <summary>A fact that needs clang to run the binding generator. Skipped (not failed) only when
/// no clang is found; ./build.sh deps installs clang-14, so in CI these tests always run.</summary>
public sealed class ClangFactAttribute : FactAttribute
{
    public ClangFactAttribute()
    {
        if (ClangRunner.Find() is null)
        {
            Skip = $"clang not found (set {ClangRunner.ClangVariable} or install clang-14); the binding generator needs it";
        }
    }
}
