using DeepRC.Interop;

namespace DeepRC.CData;

/// <summary>
/// Moving and releasing C Data Interface structs. A move is a bitwise copy followed by marking
/// the source released (release = NULL), so the source owner can no longer free it twice and
/// the consumer alone decides when the producer's release runs.
/// </summary>
internal static unsafe class ArrowStructs
{
    /// <summary>Takes ownership of <paramref name="source"/>; a NULL pointer yields a released struct.</summary>
    internal static ArrowSchema Move(ArrowSchema* source)
    {
        if (source == null) return default;
        ArrowSchema moved = *source;
        source->release = null;
        return moved;
    }

    /// <summary>Takes ownership of <paramref name="source"/>; a NULL pointer yields a released struct.</summary>
    internal static ArrowArray Move(ArrowArray* source)
    {
        if (source == null) return default;
        ArrowArray moved = *source;
        source->release = null;
        return moved;
    }

    /// <summary>Runs the producer's release once (a released struct is left alone).</summary>
    internal static void Release(ArrowSchema* s)
    {
        if (s->release == null) return;
        s->release(s);
        // A conforming producer nulls it; guard against one that does not, so we never call twice.
        s->release = null;
    }

    /// <summary>Runs the producer's release once (a released struct is left alone).</summary>
    internal static void Release(ArrowArray* a)
    {
        if (a->release == null) return;
        a->release(a);
        a->release = null;
    }

    /// <summary>A NUL-terminated UTF-8 string from a producer, or "" for NULL.</summary>
    internal static string Utf8(byte* s) => Native.FromUtf8(s) ?? string.Empty;
}
