namespace DeepRC.Tests;

public class FileIOTests
{
    [Fact]
    public void CsvOptionsAreHonoured()
    {
        string dir = Reference.TempDir();
        string path = Path.Combine(dir, "semi.txt");
        File.WriteAllText(path, "id;name;score\n1;\"a;b\";-\n2;zoë;2.5\n3;;7\n");
        foreach (int threads in new[] { 1, 2 })
        {
            using var t = Table.ReadCsv(path, new CsvReadOptions { Delimiter = ';', NullValues = ["-"], Threads = threads });
            Assert.Equal(["id", "name", "score"], t.Schema.Names);
            Assert.Equal(DataType.Float64, t.Schema["score"].Type);
            using var name = t.Column("name");
            using var score = t.Column("score");
            Assert.Equal("a;b", name.GetString(0));
            Assert.Equal("zoë", name.GetString(1));
            Assert.True(score.IsNull(0));
            Assert.Equal(7.0, score.GetValue(2));
        }
    }

    [Fact]
    public void ExplicitSchemaAndNoHeader()
    {
        string path = Reference.TempPath("nohdr.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "1,2020-05-01\n2,2021-06-30\n");
        var schema = new Schema(new Field("k", DataType.UInt8), new Field("day", DataType.Date32));
        using var t = Table.ReadCsv(path, new CsvReadOptions { HasHeader = false, Schema = schema });
        Assert.Equal(schema, t.Schema);
        using var day = t.Column("day");
        Assert.Equal(new DateOnly(2021, 6, 30), day.GetValue(1));
        using var inferred = Table.ReadCsv(path, new CsvReadOptions { HasHeader = false });
        Assert.Equal(["f0", "f1"], inferred.Schema.Names);
    }

    [Fact]
    public void ParseErrorsNameFileLineAndColumn()
    {
        string path = Reference.TempPath("ragged.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "a,b\n1,2\n3\n");
        var e = Assert.Throws<DeepRcParseException>(() => Table.ReadCsv(path));
        Assert.Contains("ragged.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("3", e.Message, StringComparison.Ordinal);
        File.WriteAllText(path, "a,b\n1,\"open\n");
        Assert.Throws<DeepRcParseException>(() => Table.ReadCsv(path));
        Assert.Throws<DeepRcIOException>(() => Table.ReadCsv(path + ".missing"));
    }

    [Fact]
    public void WritersRoundTripEveryFormat()
    {
        string dir = Reference.TempDir();
        using var t = Table.Generate("observations", 2000);
        foreach (string name in new[] { "o.csv", "o.tsv", "o.arrow", "o.arrows", "o.feather" })
        {
            string path = Path.Combine(dir, name);
            t.Write(path);
            // CSV carries no types: read it back with the original schema (Arrow needs none).
            bool csv = name.EndsWith("sv", StringComparison.Ordinal);
            using var back = Table.Read(path, csv ? new CsvReadOptions { Schema = t.Schema, Delimiter = name.EndsWith(".tsv", StringComparison.Ordinal) ? '\t' : ',' } : null);
            Assert.True(back.ContentEquals(t), name);
        }
        foreach (var c in new[] { ArrowCompression.Lz4Frame, ArrowCompression.Zstd })
        {
            string path = Path.Combine(dir, $"o-{c}.arrow");
            t.WriteArrow(path, new ArrowWriteOptions { Compression = c, MaxBatchRows = 300 });
            using var back = Table.ReadArrow(path);
            Assert.True(back.ContentEquals(t), c.ToString());
            using var fromBytes = Table.ReadArrow(File.ReadAllBytes(path));
            Assert.True(fromBytes.ContentEquals(t));
        }
        Assert.Throws<ArgumentException>(() => t.Write(Path.Combine(dir, "o.parquet")));
    }

    [Fact]
    public void CorruptArrowIsAParseErrorNamingTheFile()
    {
        string dir = Reference.TempDir();
        string path = Path.Combine(dir, "t.arrow");
        using (var t = Table.Generate("W4", 100)) t.WriteArrow(path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.ThrowsAny<DeepRcException>(() => Table.ReadArrow(path));
        Assert.Contains("t.arrow", e.Message, StringComparison.Ordinal);
    }
}
