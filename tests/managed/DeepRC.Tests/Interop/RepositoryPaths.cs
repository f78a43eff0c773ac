using DeepRC.Interop.Generator;

namespace DeepRC.Tests.Interop;

internal static class RepositoryPaths
{
    /// <summary>The repository root, found above the test assembly (artifacts/dotnet/bin/...).</summary>
    public static string Root { get; } =
        BindingGenerator.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"DeepRC.sln not found above {AppContext.BaseDirectory}");
}
