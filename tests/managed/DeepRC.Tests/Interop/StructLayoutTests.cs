using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepRC.Interop;

namespace DeepRC.Tests.Interop;

/// <summary>
/// Compares the C# mirrors of native structs with the layout the C compiler computed
/// (drc_layout_entry_at, generated into libdeeprc). The two sides are computed independently, so a
/// wrong type mapping, a reordered field or a stale binding shows up here.
/// </summary>
public class StructLayoutTests
{
    private sealed record NativeEntry(string TypeName, string? FieldName, long Size, long Offset);

    private static readonly MethodInfo UnsafeSizeOf = typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!;

    [Fact]
    public void StructLayoutsMatchNative()
    {
        var entries = ReadNativeTable();
        Assert.NotEmpty(entries);

        foreach (var group in entries.GroupBy(e => e.TypeName))
        {
            var type = MirroredType(group.Key);
            var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            var structEntry = Assert.Single(group, e => e.FieldName is null);
            Assert.True(structEntry.Size == ManagedSize(type), $"sizeof({group.Key}): native {structEntry.Size}, managed {ManagedSize(type)}");
            Assert.True(structEntry.Size == Marshal.SizeOf(type), $"sizeof({group.Key}): native {structEntry.Size}, Marshal.SizeOf {Marshal.SizeOf(type)}");

            var fieldEntries = group.Where(e => e.FieldName is not null).ToList();
            // Same fields, same order: a field missing on either side fails here.
            Assert.Equal(fieldEntries.Select(e => e.FieldName), fields.OrderBy(Offset).Select(f => f.Name));
            foreach (var entry in fieldEntries)
            {
                var field = fields.Single(f => f.Name == entry.FieldName);
                Assert.True(entry.Offset == Offset(field), $"{group.Key}.{entry.FieldName}: native offset {entry.Offset}, managed {Offset(field)}");
                Assert.True(entry.Size == FieldSize(field), $"{group.Key}.{entry.FieldName}: native size {entry.Size}, managed {FieldSize(field)}");
            }
        }
    }

    [Fact]
    public void EveryMirroredStructIsCheckedByTheNativeTable()
    {
        var checkedTypes = ReadNativeTable().Select(e => e.TypeName).ToHashSet();
        var mirrored = GeneratedStructs().Where(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public).Length > 0).ToList();

        Assert.NotEmpty(mirrored);
        Assert.All(mirrored, t => Assert.Contains(t.Name, checkedTypes));
    }

    [X64Fact]
    public void ArrowStructsHaveTheirSpecifiedSizes()
    {
        // Sizes of the Arrow C data/stream interface structs on x86-64 (ARCHITECTURE.md §3).
        Assert.Equal(72, Unsafe.SizeOf<ArrowSchema>());
        Assert.Equal(80, Unsafe.SizeOf<ArrowArray>());
        Assert.Equal(40, Unsafe.SizeOf<ArrowArrayStream>());
    }

    private static unsafe List<NativeEntry> ReadNativeTable()
    {
        var count = NativeMethods.drc_layout_entry_count();
        var entries = new List<NativeEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = NativeMethods.drc_layout_entry_at(i);
            Assert.True(entry is not null, $"drc_layout_entry_at({i}) returned NULL below the count {count}");
            entries.Add(new NativeEntry(
                Marshal.PtrToStringUTF8((nint)entry->type_name)!,
                entry->field_name is null ? null : Marshal.PtrToStringUTF8((nint)entry->field_name),
                entry->size,
                entry->offset));
        }
        Assert.True(NativeMethods.drc_layout_entry_at(count) is null, "drc_layout_entry_at(count) must be NULL");
        return entries;
    }

    /// <summary>Value types the generator emitted into the DeepRC assembly (opaque handles included).</summary>
    private static IEnumerable<Type> GeneratedStructs() =>
        typeof(NativeMethods).Assembly.GetTypes().Where(t =>
            t is { IsValueType: true, IsEnum: false, Namespace: "DeepRC.Interop" }
            && t.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == "DeepRC.Interop.Generator");

    private static Type MirroredType(string name)
    {
        var type = GeneratedStructs().SingleOrDefault(t => t.Name == name);
        Assert.True(type is not null, $"native struct {name} has no generated C# mirror in DeepRC.Interop");
        return type;
    }

    private static long Offset(FieldInfo field) => Marshal.OffsetOf(field.DeclaringType!, field.Name);

    private static long ManagedSize(Type type) => (int)UnsafeSizeOf.MakeGenericMethod(type).Invoke(null, null)!;

    // Pointers and function pointers cannot be generic arguments; they are pointer-sized.
    private static long FieldSize(FieldInfo field) =>
        field.FieldType.IsPointer || field.FieldType.IsFunctionPointer || field.FieldType.IsUnmanagedFunctionPointer
            ? IntPtr.Size
            : ManagedSize(field.FieldType);
}

/// <summary>A fact whose expected values are specific to x86-64.</summary>
public sealed class X64FactAttribute : FactAttribute
{
    public X64FactAttribute()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            Skip = "expected values are for x86-64";
        }
    }
}
