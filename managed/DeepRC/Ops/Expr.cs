using System.Globalization;
using System.Text;
using DeepRC.Interop;

namespace DeepRC;

/// <summary>
/// A typed expression over table columns, built with operators
/// (<c>Expr.Col("v") &gt; 3 &amp; Expr.Col("k") != 7</c>) or parsed from text
/// (<see cref="Parse"/>). An expression is its canonical text (<see cref="ToString"/>), which
/// quotes names and literals safely and is parsed natively when the expression is used. The
/// language and its type rules are documented in deeprc.h ("Expressions"): SQL-like three-valued
/// logic, checked 64-bit integer arithmetic, <c>/</c> is true division giving float64.
/// </summary>
/// <remarks><c>==</c> and <c>!=</c> build comparisons; use <see cref="Equals(object)"/> to compare
/// two expressions (by canonical text).</remarks>
#pragma warning disable CS0660, CS0661 // Equals/GetHashCode are overridden below; the analyser cannot see through operator ==
public sealed class Expr
#pragma warning restore CS0660, CS0661
{
    private ExprHandle? _handle;

    private Expr(string text) => Text = text;

    /// <summary>The expression's text (canonical for built and parsed expressions).</summary>
    public string Text { get; }

    /// <summary>A column reference (quoted in the text when the name needs it).</summary>
    public static Expr Col(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(name);
        RejectNul(name, nameof(name));
        return new Expr(QuoteIdentifier(name));
    }

    /// <summary>An integer literal.</summary>
    public static Expr Lit(long value) => new(value.ToString(CultureInfo.InvariantCulture));
    /// <summary>An unsigned integer literal.</summary>
    public static Expr Lit(ulong value) => new(value.ToString(CultureInfo.InvariantCulture));
    /// <summary>A float64 literal (NaN and infinities included).</summary>
    public static Expr Lit(double value) => new(FormatDouble(value));
    /// <summary>A bool literal.</summary>
    public static Expr Lit(bool value) => new(value ? "true" : "false");
    /// <summary>A string literal (single quotes doubled in the text).</summary>
    public static Expr Lit(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RejectNul(value, nameof(value));
        return new Expr(QuoteString(value));
    }
    /// <summary>A date32 literal.</summary>
    public static Expr Lit(DateOnly value) => new($"date '{value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'");
    /// <summary>A timestamp literal with microsecond precision. Local times are converted to UTC;
    /// unspecified kinds are taken as UTC.</summary>
    public static Expr Lit(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return new Expr($"timestamp '{utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}Z'");
    }

    /// <summary>The null literal (it takes the type of the other operand).</summary>
    public static Expr Null { get; } = new("null");

    /// <summary>Parses expression text natively; throws <see cref="DeepRcParseException"/> with the position on a syntax error.</summary>
    public static unsafe Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        RejectNul(text, nameof(text));
        var handle = ParseHandle(text);
        byte* s;
        Native.Check(NativeMethods.drc_expr_to_string(handle.Ptr, &s));
        return new Expr(Native.TakeString(s)) { _handle = handle };
    }

#pragma warning disable CS1591 // operators build the node their symbol names
    public static implicit operator Expr(long value) => Lit(value);
    public static implicit operator Expr(double value) => Lit(value);
    public static implicit operator Expr(bool value) => Lit(value);
    public static implicit operator Expr(string value) => Lit(value);
    public static implicit operator Expr(DateOnly value) => Lit(value);
    public static implicit operator Expr(DateTime value) => Lit(value);

    public static Expr operator +(Expr a, Expr b) => Binary(a, "+", b);
    public static Expr operator -(Expr a, Expr b) => Binary(a, "-", b);
    public static Expr operator *(Expr a, Expr b) => Binary(a, "*", b);
    public static Expr operator /(Expr a, Expr b) => Binary(a, "/", b);
    public static Expr operator %(Expr a, Expr b) => Binary(a, "%", b);
    public static Expr operator -(Expr a) => new($"(-{NotNull(a).Text})");
    public static Expr operator ==(Expr a, Expr b) => Binary(a, "=", b);
    public static Expr operator !=(Expr a, Expr b) => Binary(a, "!=", b);
    public static Expr operator <(Expr a, Expr b) => Binary(a, "<", b);
    public static Expr operator <=(Expr a, Expr b) => Binary(a, "<=", b);
    public static Expr operator >(Expr a, Expr b) => Binary(a, ">", b);
    public static Expr operator >=(Expr a, Expr b) => Binary(a, ">=", b);
    /// <summary>SQL <c>and</c> (three-valued).</summary>
    public static Expr operator &(Expr a, Expr b) => Binary(a, "and", b);
    /// <summary>SQL <c>or</c> (three-valued).</summary>
    public static Expr operator |(Expr a, Expr b) => Binary(a, "or", b);
    /// <summary>SQL <c>not</c>.</summary>
    public static Expr operator !(Expr a) => new($"(not {NotNull(a).Text})");
#pragma warning restore CS1591

    /// <summary><c>this is null</c> (never null itself).</summary>
    public Expr IsNull() => new($"({Text} is null)");
    /// <summary><c>this is not null</c>.</summary>
    public Expr IsNotNull() => new($"({Text} is not null)");
    /// <summary><c>this in (items...)</c>: true if equal to one, null if none equal and an item or this is null.</summary>
    public Expr In(params Expr[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Length == 0) throw new ArgumentException("In needs at least one item", nameof(items));
        return new Expr($"({Text} in ({string.Join(", ", items.Select(i => NotNull(i).Text))}))");
    }
    /// <summary><c>this not in (items...)</c>.</summary>
    public Expr NotIn(params Expr[] items) => !In(items);
    /// <summary><c>low &lt;= this and this &lt;= high</c>.</summary>
    public Expr Between(Expr low, Expr high) => (this >= low) & (this <= high);
    /// <summary>A checked conversion (<c>cast(this as type)</c>).</summary>
    public Expr Cast(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new Expr($"cast({Text} as {type})");
    }

    /// <summary>The canonical text.</summary>
    public override string ToString() => Text;

    /// <summary>True when <paramref name="obj"/> is an expression with the same text.</summary>
    public override bool Equals(object? obj) => obj is Expr e && e.Text == Text;

    /// <inheritdoc />
    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    /// <summary>The native expression, parsed once (syntax errors surface on first use).</summary>
    internal ExprHandle Handle => _handle ??= ParseHandle(Text);

    private static unsafe ExprHandle ParseHandle(string text)
    {
        Native.EnsureLoaded();
        using var t = new Utf8Buffer(text);
        drc_expr* e;
        Native.Check(NativeMethods.drc_expr_parse(t.Pointer, &e));
        return new ExprHandle(e);
    }

    private static Expr Binary(Expr a, string op, Expr b) => new($"({NotNull(a).Text} {op} {NotNull(b).Text})");

    private static Expr NotNull(Expr? e) =>
        e ?? throw new ArgumentNullException(nameof(e), "use Expr.Null for the null literal");

    private static void RejectNul(string s, string param)
    {
        if (s.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException("NUL characters are not allowed in expressions", param);
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "not", "is", "null", "in", "between", "true", "false", "cast", "as", "date", "timestamp", "nan", "inf", "infinity",
    };

    /// <summary>A name as written in expression text: bare when it is a plain identifier (letters,
    /// digits, '_', any non-ASCII; not starting with a digit) and not a keyword, else "quoted".</summary>
    public static string QuoteIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool plain = name.Length > 0 && !char.IsAsciiDigit(name[0]) && !Keywords.Contains(name);
        foreach (char c in name) plain &= char.IsAsciiLetterOrDigit(c) || c == '_' || c >= 0x80;
        return plain ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A string literal: single-quoted with embedded quotes doubled.</summary>
    public static string QuoteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string FormatDouble(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        // Shortest round-trip form, with a lower-case exponent like the native canonical text.
        string s = v.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        // Keep it a float when parsed back ("3" would be an integer).
        return s.Contains('.', StringComparison.Ordinal) || s.Contains('e', StringComparison.Ordinal) ? s : s + ".0";
    }
}

/// <summary>Owns a native drc_expr.</summary>
internal sealed unsafe class ExprHandle(drc_expr* p) : NativeHandle<drc_expr>(p)
{
    protected override void Free(drc_expr* p) => NativeMethods.drc_expr_free(p);
}
