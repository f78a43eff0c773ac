using DeepRC.Interop.Generator;

namespace DeepRC.Tests.Interop;

public class BindingsUpToDateTests
{
    // If this fails after editing deeprc.h, run: dotnet run --project interop/DeepRC.Interop.Generator
    [ClangFact]
    public void BindingsUpToDate()
    {
        var files = BindingGenerator.GenerateForRepository(RepositoryPaths.Root);

        Assert.Equal(
            [BindingGenerator.CSharpOutput, BindingGenerator.LayoutProbeOutput],
            files.Select(f => f.RelativePath));
        foreach (var file in files)
        {
            var path = Path.Combine(RepositoryPaths.Root, file.RelativePath);
            Assert.True(File.Exists(path), $"{file.RelativePath} is missing; run the generator");
            var difference = LineDiff.Describe(file.RelativePath, File.ReadAllText(path), file.Content);
            Assert.True(difference is null,
                $"{file.RelativePath} is out of date; run: dotnet run --project interop/DeepRC.Interop.Generator\n{difference}");
        }
    }
}
