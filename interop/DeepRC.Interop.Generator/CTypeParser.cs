using System.Globalization;

namespace DeepRC.Interop.Generator;

/// <summary>
/// Parses clang's printed type names (<c>qualType</c>) back into a <see cref="CType"/> tree.
/// clang's JSON gives fields and parameters only as strings, so this is a small recursive-descent
/// parser for C type names (specifiers + abstract declarator), enough for plain-C headers:
/// pointers, function pointers, fixed arrays, struct/union/enum tags, builtins and typedef names.
/// </summary>
internal sealed class CTypeParser
{
    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal)
    {
        "const", "volatile", "restrict", "__restrict", "_Atomic",
    };

    private static readonly HashSet<string> BuiltinWords = new(StringComparer.Ordinal)
    {
        "void", "char", "short", "int", "long", "signed", "unsigned", "float", "double", "_Bool",
    };

    private readonly string _text;
    private readonly List<string> _tokens;
    private int _pos;

    private CTypeParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public static CType Parse(string qualType)
    {
        var parser = new CTypeParser(qualType);
        var type = parser.ParseTypeName();
        if (parser._pos != parser._tokens.Count)
        {
            throw parser.Error($"unexpected '{parser._tokens[parser._pos]}'");
        }
        return type;
    }

    private CType ParseTypeName()
    {
        var baseType = ParseSpecifiers();
        return ParseDeclarator()(baseType);
    }

    private CType ParseSpecifiers()
    {
        var words = new List<string>();
        CType? named = null;
        while (_pos < _tokens.Count && IsIdentifier(_tokens[_pos]))
        {
            var word = _tokens[_pos];
            if (Qualifiers.Contains(word))
            {
                _pos++;
            }
            else if (word is "struct" or "union" or "enum" && named is null && words.Count == 0)
            {
                _pos++;
                var tag = Next();
                if (!IsIdentifier(tag))
                {
                    throw Error("anonymous struct/union/enum types are not supported; give the type a tag name");
                }
                var kind = word switch { "struct" => CNameKind.Struct, "union" => CNameKind.Union, _ => CNameKind.Enum };
                named = new CNamedType(kind, tag);
            }
            else if (BuiltinWords.Contains(word) && named is null)
            {
                words.Add(word);
                _pos++;
            }
            else if (named is null && words.Count == 0)
            {
                named = new CNamedType(CNameKind.Typedef, word);
                _pos++;
            }
            else
            {
                break; // a parameter name after a complete type, e.g. "struct ArrowSchema *out"
            }
        }
        if (named is not null)
        {
            return named;
        }
        if (words.Count == 0)
        {
            throw Error("missing type specifier");
        }
        return new CNamedType(CNameKind.Builtin, NormalizeBuiltin(words));
    }

    // Returns a function that wraps the type on its left ("declaration follows use"): pointers
    // bind first, then array/function suffixes, and a parenthesized inner declarator applies last,
    // so "int (*)(void)" becomes pointer → function → int.
    private Func<CType, CType> ParseDeclarator()
    {
        var pointers = 0;
        while (Peek("*"))
        {
            _pos++;
            pointers++;
            while (_pos < _tokens.Count && Qualifiers.Contains(_tokens[_pos]))
            {
                _pos++;
            }
        }

        // Parameter names are allowed (and ignored) where a declarator name would go.
        if (_pos < _tokens.Count && IsIdentifier(_tokens[_pos]) && !Qualifiers.Contains(_tokens[_pos]))
        {
            _pos++;
        }

        Func<CType, CType> inner = t => t;
        if (Peek("(") && _pos + 1 < _tokens.Count && _tokens[_pos + 1] is "*" or "(")
        {
            _pos++;
            inner = ParseDeclarator();
            Expect(")");
        }

        var suffixes = new List<Func<CType, CType>>();
        while (Peek("(") || Peek("["))
        {
            suffixes.Add(Peek("(") ? ParseParameterList() : ParseArraySuffix());
        }

        return baseType =>
        {
            var t = baseType;
            for (var i = 0; i < pointers; i++)
            {
                t = new CPointerType(t);
            }
            // The rightmost suffix is closest to the element type: int x[2][3] is array 2 of array 3.
            for (var i = suffixes.Count - 1; i >= 0; i--)
            {
                t = suffixes[i](t);
            }
            return inner(t);
        };
    }

    private Func<CType, CType> ParseParameterList()
    {
        Expect("(");
        var parameters = new List<CType>();
        var variadic = false;
        if (!Peek(")"))
        {
            while (true)
            {
                if (Peek("..."))
                {
                    _pos++;
                    variadic = true;
                    break;
                }
                parameters.Add(ParseTypeName());
                if (!Peek(","))
                {
                    break;
                }
                _pos++;
            }
        }
        Expect(")");
        // "(void)" means no parameters.
        if (parameters is [CNamedType { Kind: CNameKind.Builtin, Name: "void" }])
        {
            parameters.Clear();
        }
        return ret => new CFunctionType(ret, parameters, variadic);
    }

    private Func<CType, CType> ParseArraySuffix()
    {
        Expect("[");
        int? length = null;
        if (!Peek("]"))
        {
            var token = Next();
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw Error($"array length '{token}' is not a literal");
            }
            length = n;
        }
        Expect("]");
        return element => new CArrayType(element, length);
    }

    private static string NormalizeBuiltin(List<string> words)
    {
        // clang prints canonical spellings ("unsigned int", "long long"); drop a redundant "int"
        // and "signed" so that e.g. "long int" and "long" map the same way.
        var signed = words.Contains("signed");
        var unsigned = words.Contains("unsigned");
        var rest = words.Where(w => w is not ("signed" or "unsigned")).ToList();
        if (rest.Count > 1)
        {
            rest.Remove("int");
        }
        var core = rest.Count == 0 ? "int" : string.Join(' ', rest);
        if (unsigned)
        {
            return "unsigned " + core;
        }
        return signed && core == "char" ? "signed char" : core;
    }

    private bool Peek(string token) => _pos < _tokens.Count && _tokens[_pos] == token;

    private string Next() => _pos < _tokens.Count ? _tokens[_pos++] : throw Error("unexpected end");

    private void Expect(string token)
    {
        if (Next() != token)
        {
            throw Error($"expected '{token}'");
        }
    }

    private static bool IsIdentifier(string token) => token.Length > 0 && (char.IsLetter(token[0]) || token[0] == '_');

    private GeneratorException Error(string message) => new($"cannot parse C type '{_text}': {message}");

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(text[start..i]);
            }
            else if (text.AsSpan(i).StartsWith("..."))
            {
                tokens.Add("...");
                i += 3;
            }
            else if ("()*[],".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                throw new GeneratorException($"cannot parse C type '{text}': unexpected character '{c}'");
            }
        }
        return tokens;
    }
}
