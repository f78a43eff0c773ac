namespace DeepRC.Tests.Distributed;

/// <summary>Runs one body per rank of an in-process thread group and collects the results.</summary>
internal static class RankRunner
{
    public static T[] Run<T>(int size, Func<DeepRcContext, T> body)
    {
        var contexts = DeepRcContext.ThreadGroup(size);
        var results = new T[size];
        var errors = new Exception?[size];
        var threads = Enumerable.Range(0, size).Select(r => new Thread(() =>
        {
            try
            {
                results[r] = body(contexts[r]);
                contexts[r].Dispose();
            }
            catch (Exception e)
            {
                errors[r] = e;
                contexts[r].Abandon();
            }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromMinutes(2)), "a rank did not finish within 2 minutes");
        var failed = errors.Select((e, r) => (e, r)).Where(x => x.e is not null).ToArray();
        if (failed.Length > 0)
            throw new AggregateException(string.Join("; ", failed.Select(f => $"rank {f.r}: {f.e!.Message}")), failed.Select(f => f.e!));
        return results;
    }

    /// <summary>Rows [N*r/P, N*(r+1)/P) of <paramref name="table"/>: rank r's share.</summary>
    public static Table Share(Table table, DeepRcContext ctx)
    {
        long n = table.NumRows, start = n * ctx.Rank / ctx.Size, end = n * (ctx.Rank + 1) / ctx.Size;
        using var slice = table.Slice(start, end - start);
        return ctx.Bind(slice);
    }

    /// <summary>Every row formatted "a|b|c", sorted ordinally (multiset comparison).</summary>
    public static List<string> SortedRows(Table t)
    {
        var rows = Rows(t);
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>Every row formatted "a|b|c" in table order.</summary>
    public static List<string> Rows(Table t)
    {
        var cols = Enumerable.Range(0, t.NumColumns).Select(t.Column).ToArray();
        var rows = new List<string>((int)t.NumRows);
        for (long i = 0; i < t.NumRows; i++) rows.Add(string.Join("|", cols.Select(c => c.Format(i))));
        foreach (var c in cols) c.Dispose();
        return rows;
    }
}
