using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>Options and helpers shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> Schema() => new("--schema")
    {
        Description = "Explicit CSV schema: name:type[,name:type...] (types: int8..int64, uint8..uint64, float32, float64, bool, utf8, large_utf8, date32, timestamp[ms|us|ns|s(, tz=Z)])",
    };

    public static Option<string> Delimiter() => new("--delimiter", "-d")
    {
        Description = "CSV field delimiter (one ASCII character, or \\t for tab)",
        DefaultValueFactory = _ => ",",
    };

    public static Option<int> Threads() => new("--threads", "-t")
    {
        Description = "Threads for parsing (0 = all cores)",
        DefaultValueFactory = _ => 0,
    };

    public static char ParseDelimiter(string text) => text switch
    {
        "\\t" or "tab" => '\t',
        { Length: 1 } when text[0] < 128 => text[0],
        _ => throw new UsageException($"--delimiter must be one ASCII character, got '{text}'"),
    };

    /// <summary>Parses "a:int64,b:timestamp[ms, tz=UTC]" (commas inside [...] do not split fields).</summary>
    public static Schema ParseSchema(string text)
    {
        var fields = new List<Field>();
        int depth = 0, start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] == '[') depth++;
            else if (i < text.Length && text[i] == ']') depth--;
            else if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                string part = text[start..i].Trim();
                start = i + 1;
                if (part.Length == 0) continue;
                int colon = part.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0) throw new UsageException($"--schema entry '{part}' is not name:type");
                string name = part[..colon].Trim();
                string typeText = part[(colon + 1)..].Trim();
                DataType type;
                try
                {
                    type = DataType.Parse(typeText);
                }
                catch (DeepRcException)
                {
                    throw new UsageException($"--schema: unknown type '{typeText}' for column '{name}'");
                }
                fields.Add(new Field(name, type));
            }
        }
        try
        {
            return new Schema(fields);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--schema: {e.Message}");
        }
    }

    /// <summary>Reads a CSV or Arrow file by extension; a bad extension is a usage error.</summary>
    public static Table ReadTable(string path, CsvReadOptions? csv = null)
    {
        EnsureKnownExtension(path);
        if (!File.Exists(path)) throw new DeepRcIOException($"cannot open '{path}': no such file");
        return Table.Read(path, csv);
    }

    public static void EnsureKnownExtension(string path)
    {
        try
        {
            _ = Table.FileKind(path);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
