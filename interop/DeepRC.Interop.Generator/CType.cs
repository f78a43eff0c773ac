namespace DeepRC.Interop.Generator;

/// <summary>A C type as parsed from one of clang's <c>qualType</c> spellings. Qualifiers are
/// dropped on purpose: C# pointers carry no const, and const does not change layout.</summary>
internal abstract record CType;

/// <summary>A builtin (<c>int</c>, <c>unsigned char</c>, ...), a typedef name (<c>int32_t</c>,
/// <c>drc_status</c>), or a tag type (<c>struct ArrowSchema</c>, <c>enum drc_abi</c>).</summary>
internal sealed record CNamedType(CNameKind Kind, string Name) : CType
{
    public override string ToString() => Kind switch
    {
        CNameKind.Struct => "struct " + Name,
        CNameKind.Union => "union " + Name,
        CNameKind.Enum => "enum " + Name,
        _ => Name,
    };
}

internal enum CNameKind { Builtin, Typedef, Struct, Union, Enum }

internal sealed record CPointerType(CType Pointee) : CType
{
    public override string ToString() => Pointee + "*";
}

/// <summary>A function type; only reachable through a pointer in the types we accept.</summary>
internal sealed record CFunctionType(CType Return, IReadOnlyList<CType> Parameters, bool Variadic) : CType
{
    public override string ToString() => $"{Return}({string.Join(", ", Parameters)}{(Variadic ? ", ..." : "")})";
}

internal sealed record CArrayType(CType Element, int? Length) : CType
{
    public override string ToString() => $"{Element}[{Length}]";
}
