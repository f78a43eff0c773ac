using DeepRC.Interop.Generator;

// dotnet run --project interop/DeepRC.Interop.Generator -- [--check] [--repo DIR]
//   writes managed/DeepRC/Interop/NativeMethods.g.cs and native/src/capi/layout_probe.g.c;
//   with --check writes nothing and exits 1 if either file is out of date.
var check = false;
string? repo = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--check":
            check = true;
            break;
        case "--repo" when i + 1 < args.Length:
            repo = args[++i];
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: DeepRC.Interop.Generator [--check] [--repo DIR]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: DeepRC.Interop.Generator [--check] [--repo DIR]");
            return 2;
    }
}

try
{
    repo = repo is null
        ? BindingGenerator.FindRepositoryRoot(Environment.CurrentDirectory)
          ?? throw new GeneratorException("not inside the DeepRC repository (no DeepRC.sln above the current directory); pass --repo DIR")
        : Path.GetFullPath(repo);

    var files = BindingGenerator.GenerateForRepository(repo);
    return check ? OutputFiles.Check(repo, files, Console.Out) : OutputFiles.Write(repo, files, Console.Out);
}
catch (GeneratorException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
