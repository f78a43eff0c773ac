using System.Text;

namespace DeepRC.Interop.Generator;

/// <summary>A small, dependency-free "what changed" report for --check: the lines that differ
/// between the committed and the regenerated text, trimmed of their common head and tail. Not a
/// minimal diff, but enough to see which declaration drifted.</summary>
internal static class LineDiff
{
    private const int MaxLines = 40;

    /// <returns>null when the texts are equal.</returns>
    public static string? Describe(string name, string committed, string generated)
    {
        if (committed == generated)
        {
            return null;
        }
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }

        var text = new StringBuilder();
        text.Append("--- ").Append(name).Append(" (committed)\n");
        text.Append("+++ ").Append(name).Append(" (generated)\n");
        text.Append("@@ line ").Append(head + 1).Append(" @@\n");
        AppendLines(text, '-', a, head, a.Length - tail);
        AppendLines(text, '+', b, head, b.Length - tail);
        return text.ToString();
    }

    private static void AppendLines(StringBuilder text, char sign, string[] lines, int from, int to)
    {
        for (var i = from; i < to && i < from + MaxLines; i++)
        {
            text.Append(sign).Append(lines[i]).Append('\n');
        }
        if (to - from > MaxLines)
        {
            text.Append(sign).Append(" ... ").Append(to - from - MaxLines).Append(" more line(s)\n");
        }
    }
}
