namespace DeepRC.CData;

/// <summary>
/// Arrow C Data Interface format strings for the types DeepRC supports, in both directions.
/// Kept separate from the native core's table so that the managed producer and consumer work
/// without libdeeprc.
/// </summary>
internal static class ArrowFormat
{
    /// <summary>Format of a struct (record batch) schema.</summary>
    internal const string Struct = "+s";

    /// <summary>The format string of <paramref name="type"/>, e.g. "l" or "tsm:UTC".</summary>
    internal static string Of(DataType type) => type.Id switch
    {
        TypeId.Bool => "b",
        TypeId.Int8 => "c",
        TypeId.UInt8 => "C",
        TypeId.Int16 => "s",
        TypeId.UInt16 => "S",
        TypeId.Int32 => "i",
        TypeId.UInt32 => "I",
        TypeId.Int64 => "l",
        TypeId.UInt64 => "L",
        TypeId.Float32 => "f",
        TypeId.Float64 => "g",
        TypeId.Utf8 => "u",
        TypeId.LargeUtf8 => "U",
        TypeId.Date32 => "tdD",
        // The colon is mandatory even for naive timestamps ("tss:").
        TypeId.Timestamp => "ts" + UnitChar(type.Unit) + ":" + type.Timezone,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "type has no Arrow format"),
    };

    /// <summary>Parses a leaf format; throws <see cref="DeepRcUnsupportedException"/> naming the
    /// format and the field for anything DeepRC does not model (nested, decimal, dictionary...).</summary>
    internal static DataType Parse(string format, string field)
    {
        if (format.Length == 1)
        {
            switch (format[0])
            {
                case 'b': return DataType.Bool;
                case 'c': return DataType.Int8;
                case 'C': return DataType.UInt8;
                case 's': return DataType.Int16;
                case 'S': return DataType.UInt16;
                case 'i': return DataType.Int32;
                case 'I': return DataType.UInt32;
                case 'l': return DataType.Int64;
                case 'L': return DataType.UInt64;
                case 'f': return DataType.Float32;
                case 'g': return DataType.Float64;
                case 'u': return DataType.Utf8;
                case 'U': return DataType.LargeUtf8;
            }
        }
        if (format == "tdD") return DataType.Date32;
        if (format.Length >= 4 && format.StartsWith("ts", StringComparison.Ordinal) && format[3] == ':')
        {
            TimeUnit? unit = format[2] switch
            {
                's' => TimeUnit.Second,
                'm' => TimeUnit.Millisecond,
                'u' => TimeUnit.Microsecond,
                'n' => TimeUnit.Nanosecond,
                _ => null,
            };
            if (unit is { } u) return DataType.Timestamp(u, format.Length == 4 ? null : format[4..]);
        }
        throw new DeepRcUnsupportedException($"unsupported Arrow type format '{format}' in field '{field}'");
    }

    private static char UnitChar(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => 's',
        TimeUnit.Millisecond => 'm',
        TimeUnit.Microsecond => 'u',
        _ => 'n',
    };
}
