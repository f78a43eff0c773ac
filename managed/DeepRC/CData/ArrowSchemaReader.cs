using DeepRC.Interop;

namespace DeepRC.CData;

/// <summary>Validates a borrowed ArrowSchema and turns it into fields (nothing is released here).</summary>
internal static unsafe class ArrowSchemaReader
{
    private const long FlagNullable = 2; // ARROW_FLAG_NULLABLE

    /// <summary>A struct schema ("+s") whose children are the fields of a record batch.</summary>
    internal static Schema ReadStruct(ArrowSchema* s)
    {
        if (s->release == null) throw new DeepRcInvalidException("ArrowSchema is NULL or already released");
        string format = s->format == null ? "" : ArrowStructs.Utf8(s->format);
        if (format != ArrowFormat.Struct)
            throw new DeepRcInvalidException($"a record batch schema must be a struct (format '+s'), got format '{format}' in field '{ArrowStructs.Utf8(s->name)}'");
        if (s->dictionary != null) throw new DeepRcUnsupportedException("a dictionary-encoded struct schema cannot be imported as a record batch");
        if (s->n_children < 0 || (s->n_children > 0 && s->children == null))
            throw new DeepRcInvalidException($"struct ArrowSchema has invalid children (n_children {s->n_children})");
        if (s->n_children > int.MaxValue) throw new DeepRcUnsupportedException($"struct ArrowSchema has {s->n_children} children");
        var fields = new Field[s->n_children];
        for (int i = 0; i < fields.Length; i++)
        {
            if (s->children[i] == null) throw new DeepRcInvalidException($"struct ArrowSchema child {i} is NULL");
            fields[i] = ReadField(s->children[i]);
        }
        try
        {
            return new Schema(fields);
        }
        catch (ArgumentException e)
        {
            throw new DeepRcInvalidException("invalid struct ArrowSchema: " + e.Message);
        }
    }

    /// <summary>A leaf field: name, parsed format and the nullable flag.</summary>
    internal static Field ReadField(ArrowSchema* s)
    {
        if (s->release == null) throw new DeepRcInvalidException("ArrowSchema is NULL or already released");
        string name = ArrowStructs.Utf8(s->name);
        if (s->format == null) throw new DeepRcInvalidException($"ArrowSchema for field '{name}' has a NULL format");
        string format = ArrowStructs.Utf8(s->format);
        if (s->dictionary != null)
            throw new DeepRcUnsupportedException($"dictionary-encoded field '{name}' (index format '{format}') is not supported");
        DataType type = ArrowFormat.Parse(format, name);
        if (s->n_children != 0)
            throw new DeepRcInvalidException($"ArrowSchema for field '{name}' of format '{format}' has {s->n_children} children");
        return new Field(name, type, (s->flags & FlagNullable) != 0);
    }
}
