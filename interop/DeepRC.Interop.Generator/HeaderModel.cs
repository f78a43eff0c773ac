namespace DeepRC.Interop.Generator;

/// <summary>The declarations of one header that the emitters need, in declaration order.</summary>
internal sealed class HeaderModel
{
    public List<CDeclaration> Declarations { get; } = [];

    /// <summary>Typedef name → the type it names, for typedefs declared in the header itself.</summary>
    public Dictionary<string, CType> Typedefs { get; } = new(StringComparer.Ordinal);

    /// <summary>Object-like <c>#define NAME integer</c> macros (the AST has no macros).</summary>
    public List<CMacroConstant> Constants { get; } = [];

    public IEnumerable<CStruct> Structs => Declarations.OfType<CStruct>();
}

internal abstract record CDeclaration(string Name);

/// <summary>A struct; <see cref="Fields"/> is null for a struct that is declared but never defined
/// in the header (an opaque handle such as <c>drc_table</c>).</summary>
internal sealed record CStruct(string Name, IReadOnlyList<CField>? Fields) : CDeclaration(Name)
{
    public bool IsOpaque => Fields is null;
}

internal sealed record CField(string Name, CType Type);

internal sealed record CEnum(string Name, IReadOnlyList<CEnumMember> Members) : CDeclaration(Name);

internal sealed record CEnumMember(string Name, long Value);

internal sealed record CFunction(string Name, CType Return, IReadOnlyList<CParameter> Parameters) : CDeclaration(Name);

internal sealed record CParameter(string Name, CType Type);

internal sealed record CMacroConstant(string Name, long Value);
