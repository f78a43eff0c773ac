using DeepRC.Interop.Generator;

namespace DeepRC.Tests.Interop;

/// <summary>The generator on a small synthetic header, covering each mapping rule once.</summary>
public sealed class GeneratorTests : IDisposable
{
    private const string Header = """
        #include <stddef.h>
        #include <stdint.h>

        #define SYN_FLAG_A 4
        #define SYN_MASK 0x10 /* hex */
        #define SYN_NOT_A_NUMBER (SYN_FLAG_A + 1)

        typedef struct syn_handle syn_handle;

        enum syn_kind { SYN_FIRST, SYN_SECOND, SYN_TEN = 10, SYN_ELEVEN };

        typedef struct syn_point {
          int32_t x;
          double y;
        } syn_point;

        struct syn_callbacks {
          void (*release)(struct syn_callbacks*);
          const char* (*describe)(struct syn_callbacks*, int32_t code);
          syn_point origin;
          const char* const* names;
          uint8_t tag[4];
          size_t count;
          void* private_data;
        };

        int32_t syn_run(const syn_handle* handle, const char* params, syn_point* out, char** string, uint64_t base);
        void syn_free(syn_handle* handle);
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("drc-gen-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private HeaderModel ReadSynthetic(string text)
    {
        var path = Path.Combine(_directory, "synthetic.h");
        File.WriteAllText(path, text);
        return BindingGenerator.ReadHeader(path, _directory);
    }

    [ClangFact]
    public void EmitsExpectedCSharp()
    {
        var code = CSharpEmitter.Emit(ReadSynthetic(Header), "synthetic.h");

        Assert.Contains("[assembly: DisableRuntimeMarshalling]", code);
        Assert.Contains("namespace DeepRC.Interop;", code);
        Assert.Contains("internal struct syn_handle { }", code);
        Assert.Contains("internal enum syn_kind : int\n{\n    SYN_FIRST = 0,\n    SYN_SECOND = 1,\n    SYN_TEN = 10,\n    SYN_ELEVEN = 11,\n}", code);
        Assert.Contains("[StructLayout(LayoutKind.Sequential)]\ninternal unsafe partial struct syn_point\n{\n    public int x;\n    public double y;\n}", code);
        Assert.Contains("public delegate* unmanaged[Cdecl]<syn_callbacks*, void> release;", code);
        Assert.Contains("public delegate* unmanaged[Cdecl]<syn_callbacks*, int, byte*> describe;", code);
        Assert.Contains("public syn_point origin;", code);
        Assert.Contains("public byte** names;", code);
        Assert.Contains("public fixed byte tag[4];", code);
        Assert.Contains("public nuint count;", code);
        Assert.Contains("public void* private_data;", code);
        Assert.Contains("internal const int SYN_FLAG_A = 4;", code);
        Assert.Contains("internal const int SYN_MASK = 16;", code);
        Assert.DoesNotContain("SYN_NOT_A_NUMBER", code);
        Assert.Contains(
            "[LibraryImport(Library, EntryPoint = \"syn_run\")]\n    [UnmanagedCallConv(CallConvs = new[] { typeof(CallConvCdecl) })]\n"
            + "    internal static partial int syn_run(syn_handle* handle, byte* @params, syn_point* @out, byte** @string, ulong @base);",
            code);
        Assert.Contains("internal static partial void syn_free(syn_handle* handle);", code);
        // Nothing from stddef.h/stdint.h leaks into the output.
        Assert.DoesNotContain("max_align_t", code);
        Assert.DoesNotContain("__", code);
    }

    [ClangFact]
    public void KeepsDeclarationOrder()
    {
        var model = ReadSynthetic(Header);

        Assert.Equal(
            ["syn_handle", "syn_kind", "syn_point", "syn_callbacks", "syn_run", "syn_free"],
            model.Declarations.Select(d => d.Name));
    }

    [ClangFact]
    public void EmitsLayoutProbeForDefinedStructsOnly()
    {
        var code = CLayoutProbeEmitter.Emit(ReadSynthetic(Header), "synthetic.h", "synthetic.h");

        Assert.Contains("DRC_STRUCT(struct syn_point, \"syn_point\"),", code);
        Assert.Contains("DRC_FIELD(struct syn_callbacks, \"syn_callbacks\", tag),", code);
        Assert.DoesNotContain("syn_handle", code);
    }

    [ClangFact]
    public void OutputIsDeterministic()
    {
        var first = CSharpEmitter.Emit(ReadSynthetic(Header), "synthetic.h");
        var second = CSharpEmitter.Emit(ReadSynthetic(Header), "synthetic.h");

        Assert.Equal(first, second);
    }

    [ClangFact]
    public void KeepsOnlyDeclarationsFromTheHeaderItself()
    {
        // Declarations from an included header must not leak in, even when the header's own
        // declarations come both before and after the #include (clang omits repeated file names).
        File.WriteAllText(Path.Combine(_directory, "other.h"), "struct other_thing { int a; };\nvoid other_fn(void);\n");
        var model = ReadSynthetic("""
            struct syn_before { int a; };
            #include "other.h"
            void syn_after(struct other_thing* thing);
            """);

        Assert.Equal(["syn_before", "syn_after"], model.Declarations.Select(d => d.Name));
    }

    [ClangFact]
    public void FunctionDeclaredThroughAMacroIsKept()
    {
        // DRC_API-style macros move the declaration's begin location into the macro definition.
        var model = ReadSynthetic("""
            #define SYN_API __attribute__((visibility("default")))
            SYN_API int syn_exported(void);
            """);

        Assert.Equal(["syn_exported"], model.Declarations.Select(d => d.Name));
    }

    [ClangFact]
    public void RejectsNonBlittableTypes()
    {
        var model = ReadSynthetic("#include <stdbool.h>\nvoid syn_flag(bool on);\n");

        var error = Assert.Throws<GeneratorException>(() => CSharpEmitter.Emit(model, "synthetic.h"));
        Assert.Contains("_Bool", error.Message);
    }

    [ClangFact]
    public void ReportsClangErrors()
    {
        var error = Assert.Throws<GeneratorException>(() => ReadSynthetic("struct broken {\n"));

        Assert.Contains("failed", error.Message);
    }

    [Theory]
    [InlineData("const char *const *", "char**")]
    [InlineData("int (*)(struct ArrowArrayStream *, struct ArrowSchema *)", "int(struct ArrowArrayStream*, struct ArrowSchema*)*")]
    [InlineData("const char *(*)(struct ArrowArrayStream *)", "char*(struct ArrowArrayStream*)*")]
    [InlineData("unsigned long long", "unsigned long long")]
    [InlineData("uint8_t [16]", "uint8_t[16]")]
    [InlineData("drc_status *(const drc_field_info *, int32_t, drc_schema **)", "drc_status*(drc_field_info*, int32_t, drc_schema**)")]
    public void ParsesClangTypeSpellings(string qualType, string expected) =>
        Assert.Equal(expected, CTypeParser.Parse(qualType).ToString());
}
