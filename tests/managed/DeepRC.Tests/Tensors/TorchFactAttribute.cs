namespace DeepRC.Tests.Tensors;

/// <summary>A fact that needs the libtorch bridge plugin. Skipped only when libdeeprc_torch.so was
/// not built (no libtorch on the machine); ./build.sh deps installs libtorch-dev, so CI runs these.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, "libdeeprc_torch.so")))
            Skip = "libdeeprc_torch.so is not built (libtorch not found at build time)";
    }
}
