using System.Globalization;
using System.Text.Json;

namespace DeepRC.Interop.Generator;

/// <summary>
/// Turns clang's JSON AST (<c>-Xclang -ast-dump=json</c>) of a header into a <see cref="HeaderModel"/>
/// holding only the declarations written in that header (not those from stdint.h/stddef.h).
/// </summary>
/// <remarks>
/// clang writes a location's <c>file</c> only when it differs from the previously written
/// location, in document order across the whole dump. So the reader walks every node in order,
/// remembering the last file seen, and attributes each top-level declaration to the file of its
/// <c>loc</c> (the expansion location when a macro such as DRC_API is involved).
/// <c>includedFrom</c> objects also carry a <c>file</c> but are not locations, so they are skipped.
/// </remarks>
internal sealed class AstReader
{
    private readonly string _headerPath;
    private readonly string _workingDirectory;
    private readonly HeaderModel _model = new();
    private readonly Dictionary<string, int> _structIndex = new(StringComparer.Ordinal);
    private string _currentFile = "";

    private AstReader(string headerPath, string workingDirectory)
    {
        _headerPath = Path.GetFullPath(headerPath);
        _workingDirectory = workingDirectory;
    }

    /// <param name="json">The dump of the translation unit.</param>
    /// <param name="headerPath">The header whose own declarations are kept.</param>
    /// <param name="workingDirectory">clang's working directory, to resolve relative file names.</param>
    public static HeaderModel Read(string json, string headerPath, string workingDirectory)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1024 });
        var reader = new AstReader(headerPath, workingDirectory);
        var root = document.RootElement;
        if (!root.TryGetProperty("inner", out var inner))
        {
            return reader._model;
        }
        foreach (var node in inner.EnumerateArray())
        {
            var file = node.TryGetProperty("loc", out var loc) ? ResolveLocation(loc, ref reader._currentFile) : reader._currentFile;
            reader.Track(node);
            if (IsImplicit(node) || !reader.IsHeader(file))
            {
                continue;
            }
            reader.ReadDeclaration(node);
        }
        return reader._model;
    }

    private bool IsHeader(string file) =>
        file.Length > 0 && string.Equals(Path.GetFullPath(file, _workingDirectory), _headerPath, StringComparison.Ordinal);

    private static bool IsImplicit(JsonElement node) =>
        node.TryGetProperty("isImplicit", out var implicitFlag) && implicitFlag.ValueKind == JsonValueKind.True;

    /// <summary>Updates <paramref name="current"/> from one location and returns the file the
    /// location is in; for macro expansions that is the expansion location's file.</summary>
    private static string ResolveLocation(JsonElement loc, ref string current)
    {
        if (loc.TryGetProperty("spellingLoc", out var spelling))
        {
            ResolveLocation(spelling, ref current);
        }
        if (loc.TryGetProperty("expansionLoc", out var expansion))
        {
            return ResolveLocation(expansion, ref current);
        }
        if (loc.TryGetProperty("file", out var file) && file.ValueKind == JsonValueKind.String)
        {
            current = file.GetString() ?? "";
        }
        return current;
    }

    /// <summary>Walks a subtree in document order so that <see cref="_currentFile"/> follows
    /// every location clang wrote, including those nested in ranges and child nodes.</summary>
    private void Track(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("includedFrom"))
                    {
                        continue;
                    }
                    if (property.NameEquals("file") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        _currentFile = property.Value.GetString() ?? "";
                    }
                    else
                    {
                        Track(property.Value);
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Track(item);
                }
                break;
        }
    }

    private void ReadDeclaration(JsonElement node)
    {
        var kind = node.GetProperty("kind").GetString();
        switch (kind)
        {
            case "RecordDecl":
                ReadRecord(node);
                break;
            case "TypedefDecl":
                _model.Typedefs[Name(node)] = CTypeParser.Parse(QualType(node));
                break;
            case "EnumDecl":
                ReadEnum(node);
                break;
            case "FunctionDecl":
                ReadFunction(node);
                break;
            default:
                throw new GeneratorException($"unsupported declaration kind {kind} '{OptionalName(node)}' in the header");
        }
    }

    private void ReadRecord(JsonElement node)
    {
        var name = OptionalName(node);
        if (string.IsNullOrEmpty(name))
        {
            throw new GeneratorException("anonymous structs are not supported; give every struct a tag name");
        }
        if (node.GetProperty("tagUsed").GetString() != "struct")
        {
            throw new GeneratorException($"union {name}: unions are not supported");
        }

        IReadOnlyList<CField>? fields = null;
        if (node.TryGetProperty("completeDefinition", out var complete) && complete.ValueKind == JsonValueKind.True)
        {
            var list = new List<CField>();
            foreach (var child in Children(node))
            {
                var childKind = child.GetProperty("kind").GetString();
                if (childKind != "FieldDecl")
                {
                    throw new GeneratorException($"struct {name}: nested {childKind} is not supported");
                }
                if (child.TryGetProperty("isBitfield", out var bitfield) && bitfield.ValueKind == JsonValueKind.True)
                {
                    throw new GeneratorException($"struct {name}: bit-field '{OptionalName(child)}' is not supported");
                }
                list.Add(new CField(Name(child), CTypeParser.Parse(QualType(child))));
            }
            fields = list;
        }

        // A struct may be forward-declared and defined later: keep one entry, at its first
        // mention, and let the definition (fields) win.
        if (_structIndex.TryGetValue(name, out var index))
        {
            if (fields is not null)
            {
                _model.Declarations[index] = new CStruct(name, fields);
            }
            return;
        }
        _structIndex[name] = _model.Declarations.Count;
        _model.Declarations.Add(new CStruct(name, fields));
    }

    private void ReadEnum(JsonElement node)
    {
        var name = OptionalName(node);
        if (string.IsNullOrEmpty(name))
        {
            throw new GeneratorException("anonymous enums are not supported; give every enum a tag name");
        }
        var members = new List<CEnumMember>();
        long next = 0;
        foreach (var child in Children(node))
        {
            if (child.GetProperty("kind").GetString() != "EnumConstantDecl")
            {
                continue;
            }
            // An explicit initializer is wrapped in a ConstantExpr whose "value" clang has already
            // evaluated; without one the value is the previous value + 1 (C11 6.7.2.2).
            var value = next;
            foreach (var expr in Children(child))
            {
                if (expr.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String)
                {
                    value = long.Parse(v.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                    break;
                }
            }
            members.Add(new CEnumMember(Name(child), value));
            next = value + 1;
        }
        _model.Declarations.Add(new CEnum(name, members));
    }

    private void ReadFunction(JsonElement node)
    {
        var name = Name(node);
        if (node.TryGetProperty("storageClass", out var storage) && storage.GetString() == "static")
        {
            return; // static inline helpers are not part of the exported ABI
        }
        if (CTypeParser.Parse(QualType(node)) is not CFunctionType type)
        {
            throw new GeneratorException($"function {name}: type '{QualType(node)}' is not a function type");
        }
        if (type.Variadic)
        {
            throw new GeneratorException($"function {name}: variadic functions are not supported");
        }
        var parameters = new List<CParameter>();
        foreach (var child in Children(node))
        {
            if (child.GetProperty("kind").GetString() == "ParmVarDecl")
            {
                var parameterName = OptionalName(child);
                if (string.IsNullOrEmpty(parameterName))
                {
                    throw new GeneratorException($"function {name}: parameter {parameters.Count + 1} has no name");
                }
                parameters.Add(new CParameter(parameterName, CTypeParser.Parse(QualType(child))));
            }
        }
        _model.Declarations.Add(new CFunction(name, type.Return, parameters));
    }

    private static IEnumerable<JsonElement> Children(JsonElement node) =>
        node.TryGetProperty("inner", out var inner) ? inner.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static string? OptionalName(JsonElement node) =>
        node.TryGetProperty("name", out var name) ? name.GetString() : null;

    private static string Name(JsonElement node) =>
        OptionalName(node) ?? throw new GeneratorException($"unnamed {node.GetProperty("kind").GetString()}");

    private static string QualType(JsonElement node) =>
        node.GetProperty("type").GetProperty("qualType").GetString() ?? "";
}
