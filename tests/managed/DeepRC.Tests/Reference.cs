namespace DeepRC.Tests;

/// <summary>An independent C# port of the anchors' counter-based generator (shared/anchors/gen.py),
/// used to check the native generator value by value.</summary>
internal static class Reference
{
    public static ulong Mix(ulong seed, ulong stream, ulong i)
    {
        unchecked
        {
            ulong z = ((seed * 256 + stream) << 40) + i + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public static double UnitFloat(ulong u) => (u >> 11) * (1.0 / (1UL << 53));

    public static string Hex8(ulong u) => ((uint)(u >> 32)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    public static string TempPath(string name) =>
        Path.Combine(Path.GetTempPath(), "deeprc-tests-" + Environment.ProcessId, Guid.NewGuid().ToString("N")[..8] + "-" + name);

    public static string TempDir()
    {
        string d = Path.Combine(Path.GetTempPath(), "deeprc-tests-" + Environment.ProcessId, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(d);
        return d;
    }
}
