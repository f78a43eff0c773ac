using System.Runtime.InteropServices;
using System.Text;

namespace DeepRC.Interop;

/// <summary>Glue between the generated bindings and the façade: status checks, UTF-8 strings,
/// and the one-time ABI version check.</summary>
internal static unsafe class Native
{
    private static readonly Lazy<bool> AbiChecked = new(() =>
    {
        int actual = NativeMethods.drc_abi_version();
        int expected = (int)drc_abi.DRC_ABI_VERSION;
        if (actual != expected)
        {
            throw new DeepRcException(StatusCode.Internal,
                $"libdeeprc ABI version {actual} does not match the managed bindings (expected {expected}); " +
                "the native library and DeepRC.dll come from different builds");
        }
        return true;
    });

    /// <summary>Loads the native library and verifies its ABI version (once per process).</summary>
    internal static void EnsureLoaded() => _ = AbiChecked.Value;

    /// <summary>Throws the typed exception for a non-null status, freeing it.</summary>
    internal static void Check(drc_status* status)
    {
        if (status == null) return;
        try
        {
            var code = (StatusCode)NativeMethods.drc_status_code(status);
            string message = FromUtf8(NativeMethods.drc_status_message(status)) ?? "unknown error";
            throw DeepRcException.FromStatus(code, message);
        }
        finally
        {
            NativeMethods.drc_status_free(status);
        }
    }

    internal static string? FromUtf8(byte* s) =>
        s == null ? null : Marshal.PtrToStringUTF8((nint)s);

    /// <summary>Copies a caller-owned native string and frees it with drc_string_free.</summary>
    internal static string TakeString(byte* s)
    {
        try
        {
            return FromUtf8(s) ?? string.Empty;
        }
        finally
        {
            NativeMethods.drc_string_free(s);
        }
    }
}

/// <summary>A NUL-terminated UTF-8 copy of a string in unmanaged memory, for the duration of a call.</summary>
internal unsafe struct Utf8Buffer : IDisposable
{
    private byte* _ptr;

    public Utf8Buffer(string? value)
    {
        if (value is null)
        {
            _ptr = null;
            return;
        }
        int n = Encoding.UTF8.GetByteCount(value);
        _ptr = (byte*)NativeMemory.Alloc((nuint)n + 1);
        fixed (char* c = value) Encoding.UTF8.GetBytes(c, value.Length, _ptr, n);
        _ptr[n] = 0;
    }

    public readonly byte* Pointer => _ptr;

    public void Dispose()
    {
        if (_ptr != null) NativeMemory.Free(_ptr);
        _ptr = null;
    }
}
