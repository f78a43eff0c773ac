using System.Runtime.InteropServices;

namespace DeepRC.CData;

/// <summary>
/// The native memory and pins one exported struct owns. Freed exactly once, by the struct's
/// release callback (or by the exporter when the export fails half-way).
/// </summary>
internal sealed unsafe class NativeAllocations
{
    // Arrow recommends 64-byte alignment; consumers such as libdeeprc copy misaligned buffers.
    private const nuint Alignment = 64;
    private readonly List<nint> _blocks = [];
    private readonly List<GCHandle> _pins = [];

    /// <summary>Zeroed native memory (zeroing keeps the unused bits of bitmaps defined).</summary>
    internal void* Alloc(nuint bytes)
    {
        void* p = NativeMemory.AlignedAlloc(Math.Max(bytes, 1), Alignment);
        NativeMemory.Clear(p, Math.Max(bytes, 1));
        _blocks.Add((nint)p);
        return p;
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="s"/>.</summary>
    internal byte* Utf8(string s)
    {
        int n = System.Text.Encoding.UTF8.GetByteCount(s);
        byte* p = (byte*)Alloc((nuint)n + 1);
        fixed (char* c = s) System.Text.Encoding.UTF8.GetBytes(c, s.Length, p, n);
        return p;
    }

    /// <summary>Pins a primitive array for zero-copy export and returns its first element.</summary>
    internal void* Pin(Array values)
    {
        var h = GCHandle.Alloc(values, GCHandleType.Pinned);
        _pins.Add(h);
        return (void*)h.AddrOfPinnedObject();
    }

    internal void Free()
    {
        foreach (nint p in _blocks) NativeMemory.AlignedFree((void*)p);
        _blocks.Clear();
        foreach (var h in _pins) h.Free();
        _pins.Clear();
    }
}
