using DeepRC.Interop;

namespace DeepRC;

/// <summary>Arrow logical type ids supported by DeepRC (values match <c>drc_type_id</c>).</summary>
public enum TypeId
{
    /// <summary>Bit-packed boolean.</summary>
    Bool = (int)drc_type_id.DRC_TYPE_BOOL,
    /// <summary>Signed 8-bit integer.</summary>
    Int8 = (int)drc_type_id.DRC_TYPE_INT8,
    /// <summary>Signed 16-bit integer.</summary>
    Int16 = (int)drc_type_id.DRC_TYPE_INT16,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = (int)drc_type_id.DRC_TYPE_INT32,
    /// <summary>Signed 64-bit integer.</summary>
    Int64 = (int)drc_type_id.DRC_TYPE_INT64,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = (int)drc_type_id.DRC_TYPE_UINT8,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = (int)drc_type_id.DRC_TYPE_UINT16,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = (int)drc_type_id.DRC_TYPE_UINT32,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = (int)drc_type_id.DRC_TYPE_UINT64,
    /// <summary>32-bit IEEE float.</summary>
    Float32 = (int)drc_type_id.DRC_TYPE_FLOAT32,
    /// <summary>64-bit IEEE float.</summary>
    Float64 = (int)drc_type_id.DRC_TYPE_FLOAT64,
    /// <summary>UTF-8 strings with 32-bit offsets.</summary>
    Utf8 = (int)drc_type_id.DRC_TYPE_UTF8,
    /// <summary>UTF-8 strings with 64-bit offsets.</summary>
    LargeUtf8 = (int)drc_type_id.DRC_TYPE_LARGE_UTF8,
    /// <summary>Days since the UNIX epoch (int32).</summary>
    Date32 = (int)drc_type_id.DRC_TYPE_DATE32,
    /// <summary>Time since the UNIX epoch (int64) in a unit, with an optional timezone.</summary>
    Timestamp = (int)drc_type_id.DRC_TYPE_TIMESTAMP,
}

/// <summary>Resolution of a timestamp (values match <c>drc_time_unit</c>).</summary>
public enum TimeUnit
{
    /// <summary>Seconds.</summary>
    Second = (int)drc_time_unit.DRC_TIME_UNIT_SECOND,
    /// <summary>Milliseconds.</summary>
    Millisecond = (int)drc_time_unit.DRC_TIME_UNIT_MILLI,
    /// <summary>Microseconds.</summary>
    Microsecond = (int)drc_time_unit.DRC_TIME_UNIT_MICRO,
    /// <summary>Nanoseconds.</summary>
    Nanosecond = (int)drc_time_unit.DRC_TIME_UNIT_NANO,
}

/// <summary>An Arrow logical type. Only timestamps carry parameters (unit and timezone).</summary>
public sealed record DataType
{
    private DataType(TypeId id, TimeUnit unit = TimeUnit.Second, string? timezone = null)
    {
        Id = id;
        Unit = unit;
        Timezone = string.IsNullOrEmpty(timezone) ? null : timezone;
    }

    /// <summary>The type id.</summary>
    public TypeId Id { get; }
    /// <summary>Timestamp unit (timestamps only).</summary>
    public TimeUnit Unit { get; }
    /// <summary>Timestamp timezone, or null for naive timestamps (timestamps only).</summary>
    public string? Timezone { get; }

#pragma warning disable CS1591 // the names say it all
    public static DataType Bool { get; } = new(TypeId.Bool);
    public static DataType Int8 { get; } = new(TypeId.Int8);
    public static DataType Int16 { get; } = new(TypeId.Int16);
    public static DataType Int32 { get; } = new(TypeId.Int32);
    public static DataType Int64 { get; } = new(TypeId.Int64);
    public static DataType UInt8 { get; } = new(TypeId.UInt8);
    public static DataType UInt16 { get; } = new(TypeId.UInt16);
    public static DataType UInt32 { get; } = new(TypeId.UInt32);
    public static DataType UInt64 { get; } = new(TypeId.UInt64);
    public static DataType Float32 { get; } = new(TypeId.Float32);
    public static DataType Float64 { get; } = new(TypeId.Float64);
    public static DataType Utf8 { get; } = new(TypeId.Utf8);
    public static DataType LargeUtf8 { get; } = new(TypeId.LargeUtf8);
    public static DataType Date32 { get; } = new(TypeId.Date32);
#pragma warning restore CS1591

    /// <summary>A timestamp type.</summary>
    public static DataType Timestamp(TimeUnit unit, string? timezone = null) => new(TypeId.Timestamp, unit, timezone);

    /// <summary>The type for an id without parameters (timestamps get seconds, no timezone).</summary>
    public static DataType FromId(TypeId id) => id switch
    {
        TypeId.Timestamp => Timestamp(TimeUnit.Second),
        >= TypeId.Bool and <= TypeId.Date32 => new DataType(id),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown type id"),
    };

    /// <summary>Parses "int64", "float64", "utf8", "timestamp[ms, tz=UTC]", ... (the native parser).</summary>
    public static unsafe DataType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Native.EnsureLoaded();
        using var s = new Utf8Buffer(text);
        drc_data_type t;
        Native.Check(NativeMethods.drc_type_parse(s.Pointer, &t));
        return FromNative(t);
    }

    /// <summary>Bytes per value for fixed-width types; 0 for bool and strings.</summary>
    public int ByteWidth => Id switch
    {
        TypeId.Int8 or TypeId.UInt8 => 1,
        TypeId.Int16 or TypeId.UInt16 => 2,
        TypeId.Int32 or TypeId.UInt32 or TypeId.Float32 or TypeId.Date32 => 4,
        TypeId.Int64 or TypeId.UInt64 or TypeId.Float64 or TypeId.Timestamp => 8,
        _ => 0,
    };

    /// <summary>True for utf8 and large_utf8.</summary>
    public bool IsString => Id is TypeId.Utf8 or TypeId.LargeUtf8;

    /// <inheritdoc />
    public override string ToString()
    {
        if (Id != TypeId.Timestamp) return Name(Id);
        string unit = Unit switch
        {
            TimeUnit.Second => "s",
            TimeUnit.Millisecond => "ms",
            TimeUnit.Microsecond => "us",
            _ => "ns",
        };
        return Timezone is null ? $"timestamp[{unit}]" : $"timestamp[{unit}, tz={Timezone}]";
    }

    private static string Name(TypeId id) => id switch
    {
        TypeId.LargeUtf8 => "large_utf8",
        TypeId.UInt8 or TypeId.UInt16 or TypeId.UInt32 or TypeId.UInt64 => "uint" + id.ToString()[4..],
        _ => id.ToString().ToLowerInvariant(),
    };

    internal static unsafe DataType FromNative(in drc_data_type t)
    {
        var id = (TypeId)t.id;
        return id == TypeId.Timestamp ? Timestamp((TimeUnit)t.unit, Native.FromUtf8(t.timezone)) : FromId(id);
    }
}
