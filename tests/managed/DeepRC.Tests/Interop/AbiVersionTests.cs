using DeepRC.Interop;

namespace DeepRC.Tests.Interop;

public class AbiVersionTests
{
    // Also proves that libdeeprc.so loads and the generated [LibraryImport] bindings resolve.
    [Fact]
    public void AbiVersion() =>
        Assert.Equal((int)drc_abi.DRC_ABI_VERSION, NativeMethods.drc_abi_version());
}
