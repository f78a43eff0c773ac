using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepRC.Interop.Generator;

/// <summary>
/// Finds <c>#define NAME &lt;integer literal&gt;</c> lines (e.g. ARROW_FLAG_NULLABLE). clang's AST has
/// no macros, so this reads the header text. Deliberately narrow: only object-like macros whose whole
/// body is one decimal or hex literal (optionally negative, optionally in parentheses); anything
/// else (include guards, DRC_API, expressions) is ignored. #if blocks are not evaluated.
/// </summary>
internal static partial class MacroScanner
{
    [GeneratedRegex(@"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]+\(?[ \t]*(-?)[ \t]*(0[xX][0-9A-Fa-f]+|[0-9]+)[uUlL]*[ \t]*\)?[ \t]*(?:/\*.*\*/[ \t]*|//.*)?$", RegexOptions.Multiline)]
    private static partial Regex IntegerDefine();

    public static IEnumerable<CMacroConstant> Scan(string headerText)
    {
        foreach (Match match in IntegerDefine().Matches(headerText.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            var literal = match.Groups[3].Value;
            long value;
            if (literal.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                value = long.Parse(literal[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }
            else if (literal.Length > 1 && literal[0] == '0')
            {
                value = Convert.ToInt64(literal, 8); // C octal literal; throws on 8/9 like a C compiler would reject it
            }
            else
            {
                value = long.Parse(literal, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            yield return new CMacroConstant(match.Groups[1].Value, match.Groups[2].Value == "-" ? -value : value);
        }
    }
}
