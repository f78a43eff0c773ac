using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepRC.Interop;

namespace DeepRC.CData;

/// <summary>
/// The producer side of one exported ArrowSchema: private_data is a GCHandle to an instance of
/// this class, which owns the format and name strings and the child structs.
/// </summary>
internal sealed unsafe class ExportedSchema
{
    private const long FlagNullable = 2; // ARROW_FLAG_NULLABLE
    private static long s_live;
    private readonly NativeAllocations _memory = new();
    private ArrowSchema* _children;
    private int _childCount;
    private bool _freed;

    private ExportedSchema() => Interlocked.Increment(ref s_live);

    /// <summary>Exported schemas (bases and children) not yet released; for leak checks in tests.</summary>
    internal static long Live => Interlocked.Read(ref s_live);

    /// <summary>Exports a struct schema ("+s") with one child per field.</summary>
    internal static void ExportStruct(Schema schema, ArrowSchema* @out)
    {
        var owner = new ExportedSchema();
        try
        {
            owner._children = (ArrowSchema*)owner._memory.Alloc((nuint)(schema.Count * sizeof(ArrowSchema)));
            for (int i = 0; i < schema.Count; i++)
            {
                ExportField(schema[i], owner._children + i);
                owner._childCount = i + 1;  // only children filled so far are released on failure
            }
            owner.Publish(@out, ArrowFormat.Struct, "", 0);
        }
        catch
        {
            owner.Free();
            throw;
        }
    }

    /// <summary>Exports one leaf field.</summary>
    internal static void ExportField(Field field, ArrowSchema* @out)
    {
        var owner = new ExportedSchema();
        try
        {
            owner.Publish(@out, ArrowFormat.Of(field.Type), field.Name, field.Nullable ? FlagNullable : 0);
        }
        catch
        {
            owner.Free();
            throw;
        }
    }

    private void Publish(ArrowSchema* @out, string format, string name, long flags)
    {
        ArrowSchema** childPtrs = null;
        if (_childCount > 0)
        {
            childPtrs = (ArrowSchema**)_memory.Alloc((nuint)(_childCount * sizeof(ArrowSchema*)));
            for (int i = 0; i < _childCount; i++) childPtrs[i] = _children + i;
        }
        *@out = new ArrowSchema
        {
            format = _memory.Utf8(format),
            name = _memory.Utf8(name),
            metadata = null,
            flags = flags,
            n_children = _childCount,
            children = childPtrs,
            dictionary = null,
            release = &Release,
            private_data = (void*)GCHandle.ToIntPtr(GCHandle.Alloc(this)),
        };
    }

    private void Free()
    {
        if (_freed) return;
        _freed = true;
        for (int i = 0; i < _childCount; i++)
        {
            ArrowSchema* child = _children + i;
            if (child->release != null) child->release(child);
        }
        _memory.Free();
        Interlocked.Decrement(ref s_live);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Release(ArrowSchema* schema)
    {
        if (schema == null || schema->release == null) return;
        try
        {
            var handle = GCHandle.FromIntPtr((nint)schema->private_data);
            var owner = (ExportedSchema?)handle.Target;
            handle.Free();
            owner?.Free();
        }
#pragma warning disable CA1031 // an exception must never cross into the native caller, and release cannot report one
        catch (Exception)
        {
        }
#pragma warning restore CA1031
        schema->private_data = null;
        schema->release = null;
    }
}
