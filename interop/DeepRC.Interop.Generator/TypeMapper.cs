namespace DeepRC.Interop.Generator;

/// <summary>
/// Maps C types to blittable C# types (interop/README.md lists the rules). Everything maps to a
/// primitive, a pointer, an unmanaged function pointer or a generated struct/enum, so the bindings
/// need no marshalling and work with DisableRuntimeMarshalling.
/// </summary>
internal sealed class TypeMapper(HeaderModel model)
{
    // Fixed-width typedefs from stdint.h/stddef.h. These are resolved by name rather than through
    // the AST so that the generated C# is the same whatever the platform's libc spells them as.
    private static readonly Dictionary<string, string> KnownTypedefs = new(StringComparer.Ordinal)
    {
        ["int8_t"] = "sbyte",
        ["uint8_t"] = "byte",
        ["int16_t"] = "short",
        ["uint16_t"] = "ushort",
        ["int32_t"] = "int",
        ["uint32_t"] = "uint",
        ["int64_t"] = "long",
        ["uint64_t"] = "ulong",
        ["size_t"] = "nuint",
        ["uintptr_t"] = "nuint",
        ["intptr_t"] = "nint",
        ["ptrdiff_t"] = "nint",
    };

    // C's int is 32-bit on every platform we target; long is not (LP64 vs LLP64), so it is rejected.
    private static readonly Dictionary<string, string> Builtins = new(StringComparer.Ordinal)
    {
        ["void"] = "void",
        ["char"] = "sbyte",
        ["signed char"] = "sbyte",
        ["unsigned char"] = "byte",
        ["short"] = "short",
        ["unsigned short"] = "ushort",
        ["int"] = "int",
        ["unsigned int"] = "uint",
        ["long long"] = "long",
        ["unsigned long long"] = "ulong",
        ["float"] = "float",
        ["double"] = "double",
    };

    private readonly HashSet<string> _structs = model.Structs.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
    private readonly HashSet<string> _enums = model.Declarations.OfType<CEnum>().Select(e => e.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The C# spelling of <paramref name="type"/> used as a field, parameter or return type.</summary>
    public string Map(CType type) => type switch
    {
        CPointerType pointer => MapPointee(pointer.Pointee),
        CArrayType => throw new GeneratorException($"array type '{type}' is only supported as a struct field"),
        CFunctionType => throw new GeneratorException($"function type '{type}' is only supported through a pointer"),
        CNamedType named => MapNamed(named),
        _ => throw new GeneratorException($"unsupported type '{type}'"),
    };

    private string MapPointee(CType pointee)
    {
        switch (Resolve(pointee))
        {
            case CFunctionType function:
                return MapFunctionPointer(function);
            // char* is UTF-8 text: byte* is what Encoding.UTF8 and spans want (sbyte only as a value).
            case CNamedType { Kind: CNameKind.Builtin, Name: "char" }:
                return "byte*";
            default:
                return Map(pointee) + "*";
        }
    }

    private string MapFunctionPointer(CFunctionType function)
    {
        if (function.Variadic)
        {
            throw new GeneratorException($"variadic function pointer '{function}' is not supported");
        }
        var types = function.Parameters.Select(Map).Append(Map(function.Return));
        return $"delegate* unmanaged[Cdecl]<{string.Join(", ", types)}>";
    }

    private string MapNamed(CNamedType named)
    {
        switch (named.Kind)
        {
            case CNameKind.Builtin:
                if (named.Name == "_Bool")
                {
                    throw new GeneratorException("_Bool is not blittable across compilers; use uint8_t or int32_t");
                }
                return Builtins.TryGetValue(named.Name, out var builtin)
                    ? builtin
                    : throw new GeneratorException($"C type '{named.Name}' has no fixed size across platforms; use a <stdint.h> type");
            case CNameKind.Typedef:
                if (KnownTypedefs.TryGetValue(named.Name, out var known))
                {
                    return known;
                }
                if (model.Typedefs.TryGetValue(named.Name, out var target))
                {
                    return Map(target);
                }
                throw new GeneratorException($"unknown typedef '{named.Name}'");
            case CNameKind.Struct when _structs.Contains(named.Name):
                return named.Name;
            case CNameKind.Enum when _enums.Contains(named.Name):
                return named.Name;
            default:
                throw new GeneratorException($"'{named}' is not declared in the header");
        }
    }

    /// <summary>Follows typedefs declared in the header (e.g. a typedef'd function pointer type).</summary>
    private CType Resolve(CType type)
    {
        var seen = 0;
        while (type is CNamedType { Kind: CNameKind.Typedef } named
               && !KnownTypedefs.ContainsKey(named.Name)
               && model.Typedefs.TryGetValue(named.Name, out var target))
        {
            type = target;
            if (++seen > 64)
            {
                throw new GeneratorException($"typedef cycle at '{named.Name}'");
            }
        }
        return type;
    }

    /// <summary>Primitive C# element type of a fixed array field, or null if it cannot be a
    /// C# fixed buffer.</summary>
    public string? MapFixedBufferElement(CType element)
    {
        var resolved = Resolve(element);
        if (resolved is not CNamedType named)
        {
            return null;
        }
        var mapped = MapNamed(named);
        return mapped is "sbyte" or "byte" or "short" or "ushort" or "int" or "uint" or "long" or "ulong" or "float" or "double"
            ? mapped
            : null;
    }
}
