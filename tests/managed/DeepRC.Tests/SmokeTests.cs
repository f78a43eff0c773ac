namespace DeepRC.Tests;

public class SmokeTests
{
    [Fact]
    public void NativeLibraryLoads() => Assert.Equal(1, DeepRC.Interop.Probe.Abi());
}
