namespace DeepRC.Interop.Generator;

/// <summary>Keeps C names verbatim in C#, escaping the ones that are C# keywords with '@'
/// (<c>out</c> → <c>@out</c>). Reflection and Marshal.OffsetOf still see the plain name.</summary>
internal static class CSharpNames
{
    // The reserved keywords (contextual keywords such as "value" or "record" are valid names).
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class",
        "const", "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event",
        "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if",
        "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new",
        "null", "object", "operator", "out", "override", "params", "private", "protected", "public",
        "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static",
        "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong",
        "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    public static string Escape(string name) => Keywords.Contains(name) ? "@" + name : name;
}
