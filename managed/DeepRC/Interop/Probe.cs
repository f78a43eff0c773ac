using System.Runtime.InteropServices;
namespace DeepRC.Interop;
internal static partial class Probe
{
    [LibraryImport("deeprc", EntryPoint = "drc_abi_version")]
    internal static partial int Abi();
}
