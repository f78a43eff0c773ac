using System.Runtime.InteropServices;

namespace DeepRC.Interop;

/// <summary>Owns a native drc_table.</summary>
internal sealed unsafe class TableHandle : SafeHandle
{
    public TableHandle(drc_table* p) : base(IntPtr.Zero, ownsHandle: true) => SetHandle((IntPtr)p);
    public override bool IsInvalid => handle == IntPtr.Zero;
    public drc_table* Ptr => (drc_table*)handle;
    protected override bool ReleaseHandle()
    {
        NativeMethods.drc_table_free((drc_table*)handle);
        return true;
    }
}

/// <summary>Owns a native drc_array (a refcounted column).</summary>
internal sealed unsafe class ArrayHandle : SafeHandle
{
    public ArrayHandle(drc_array* p) : base(IntPtr.Zero, ownsHandle: true) => SetHandle((IntPtr)p);
    public override bool IsInvalid => handle == IntPtr.Zero;
    public drc_array* Ptr => (drc_array*)handle;
    protected override bool ReleaseHandle()
    {
        NativeMethods.drc_array_free((drc_array*)handle);
        return true;
    }
}

/// <summary>Owns a native drc_schema.</summary>
internal sealed unsafe class SchemaHandle : SafeHandle
{
    public SchemaHandle(drc_schema* p) : base(IntPtr.Zero, ownsHandle: true) => SetHandle((IntPtr)p);
    public override bool IsInvalid => handle == IntPtr.Zero;
    public drc_schema* Ptr => (drc_schema*)handle;
    protected override bool ReleaseHandle()
    {
        NativeMethods.drc_schema_free((drc_schema*)handle);
        return true;
    }
}
