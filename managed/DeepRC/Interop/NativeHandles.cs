using System.Runtime.InteropServices;

namespace DeepRC.Interop;

/// <summary>A SafeHandle owning one native DeepRC object, freed by its drc_*_free function.</summary>
internal abstract unsafe class NativeHandle<T> : SafeHandle where T : unmanaged
{
    protected NativeHandle(T* p) : base(IntPtr.Zero, ownsHandle: true) => SetHandle((IntPtr)p);
    public override bool IsInvalid => handle == IntPtr.Zero;
    public T* Ptr => (T*)handle;
    protected abstract void Free(T* p);
    protected override bool ReleaseHandle()
    {
        Free((T*)handle);
        return true;
    }
}

/// <summary>Owns a native drc_table.</summary>
internal sealed unsafe class TableHandle(drc_table* p) : NativeHandle<drc_table>(p)
{
    protected override void Free(drc_table* p) => NativeMethods.drc_table_free(p);
}

/// <summary>Owns a native drc_array (a refcounted column).</summary>
internal sealed unsafe class ArrayHandle(drc_array* p) : NativeHandle<drc_array>(p)
{
    protected override void Free(drc_array* p) => NativeMethods.drc_array_free(p);
}

/// <summary>Owns a native drc_schema.</summary>
internal sealed unsafe class SchemaHandle(drc_schema* p) : NativeHandle<drc_schema>(p)
{
    protected override void Free(drc_schema* p) => NativeMethods.drc_schema_free(p);
}

/// <summary>Owns a native drc_comm. Releasing it only frees memory (drc_comm_free never
/// communicates), so a finalizer cannot hang; the collective close is DeepRcContext.Dispose's job.</summary>
internal sealed unsafe class CommHandle(drc_comm* p) : NativeHandle<drc_comm>(p)
{
    protected override void Free(drc_comm* p) => NativeMethods.drc_comm_free(p);
}

/// <summary>Owns a native drc_store_server (stopped and freed on release).</summary>
internal sealed unsafe class StoreServerHandle(drc_store_server* p) : NativeHandle<drc_store_server>(p)
{
    protected override void Free(drc_store_server* p) => NativeMethods.drc_store_server_stop(p);
}

/// <summary>Owns a native drc_tensor (a libtorch tensor from the bridge plugin).</summary>
internal sealed unsafe class TensorHandle(drc_tensor* p) : NativeHandle<drc_tensor>(p)
{
    protected override void Free(drc_tensor* p) => NativeMethods.drc_tensor_free(p);
}
