namespace DeepRC.Interop.Generator;

/// <summary>A problem with the header or the environment, reported to the user without a stack
/// trace: an unsupported C construct, a missing clang, a clang error.</summary>
internal sealed class GeneratorException(string message) : Exception(message);
