using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepRC.Interop;

namespace DeepRC.CData;

/// <summary>
/// The producer side of one exported ArrowArray: its private_data is a GCHandle to an instance
/// of this class, which owns the buffers (pinned managed arrays and native copies), the child
/// structs and the callback to run when the consumer releases it.
/// </summary>
internal sealed unsafe class ExportedArray
{
    private static long s_live;
    private readonly NativeAllocations _memory = new();
    private readonly Action? _released;
    private ArrowArray* _children;
    private int _childCount;
    private bool _freed;

    internal ExportedArray(Action? released)
    {
        _released = released;
        Interlocked.Increment(ref s_live);
    }

    /// <summary>Exported arrays (bases and children) not yet released; for leak checks in tests.</summary>
    internal static long Live => Interlocked.Read(ref s_live);

    internal NativeAllocations Memory => _memory;

    /// <summary>Zeroed child structs owned by this array; the caller fills them in order.</summary>
    internal ArrowArray* AllocChildren(int count)
    {
        _children = (ArrowArray*)_memory.Alloc((nuint)(count * sizeof(ArrowArray)));
        _childCount = count;
        return _children;
    }

    /// <summary>Fills <paramref name="out"/>; from here on the consumer owns this object through release.</summary>
    internal void Publish(ArrowArray* @out, long length, long nullCount, void** buffers, long nBuffers)
    {
        ArrowArray** childPtrs = null;
        if (_childCount > 0)
        {
            childPtrs = (ArrowArray**)_memory.Alloc((nuint)(_childCount * sizeof(ArrowArray*)));
            for (int i = 0; i < _childCount; i++) childPtrs[i] = _children + i;
        }
        *@out = new ArrowArray
        {
            length = length,
            null_count = nullCount,
            offset = 0,
            n_buffers = nBuffers,
            n_children = _childCount,
            buffers = buffers,
            children = childPtrs,
            dictionary = null,
            release = &Release,
            private_data = (void*)GCHandle.ToIntPtr(GCHandle.Alloc(this)),
        };
    }

    /// <summary>Releases the children still owned here (a consumer may have moved some out and
    /// released them itself), frees every buffer, then notifies. Runs at most once.</summary>
    internal void Free()
    {
        if (_freed) return;
        _freed = true;
        for (int i = 0; i < _childCount; i++)
        {
            ArrowArray* child = _children + i;
            if (child->release != null) child->release(child);
        }
        _memory.Free();
        Interlocked.Decrement(ref s_live);
        _released?.Invoke();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Release(ArrowArray* array)
    {
        if (array == null || array->release == null) return;
        try
        {
            var handle = GCHandle.FromIntPtr((nint)array->private_data);
            var owner = (ExportedArray?)handle.Target;
            handle.Free();
            owner?.Free();
        }
#pragma warning disable CA1031 // an exception must never cross into the native caller, and release cannot report one
        catch (Exception)
        {
        }
#pragma warning restore CA1031
        array->private_data = null;
        array->release = null;
    }
}
