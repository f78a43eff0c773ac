using System.Runtime.InteropServices;

namespace DeepRC.Interop;

/// <summary>
/// A native array of NUL-terminated UTF-8 strings (<c>const char* const*</c>) for the duration of a
/// call: the C ABI takes column-name lists in this form. Freed on dispose.
/// </summary>
internal sealed unsafe class Utf8StringArray : IDisposable
{
    private readonly Utf8Buffer[] _strings;
    private byte** _pointers;

    /// <param name="values">The strings; none may be null.</param>
    /// <param name="parameter">The caller's argument name, used in errors.</param>
    public Utf8StringArray(IReadOnlyList<string> values, string parameter)
    {
        ArgumentNullException.ThrowIfNull(values, parameter);
        _strings = new Utf8Buffer[values.Count];
        _pointers = (byte**)NativeMemory.Alloc((nuint)Math.Max(values.Count, 1), (nuint)sizeof(byte*));
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                Dispose();
                throw new ArgumentException($"{parameter}[{i}] is null", parameter);
            }
            _strings[i] = new Utf8Buffer(values[i]);
            _pointers[i] = _strings[i].Pointer;
        }
    }

    public byte** Pointer => _pointers;
    public int Count => _strings.Length;

    public void Dispose()
    {
        foreach (var s in _strings) s.Dispose();
        if (_pointers != null) NativeMemory.Free(_pointers);
        _pointers = null;
    }
}
