namespace DeepRC.CData;

/// <summary>
/// errno values used by the C Stream Interface callbacks. Only codes with the same value on
/// Linux, macOS and Windows are produced, so that any consumer decodes them alike.
/// </summary>
internal static class ArrowErrno
{
    internal const int EIO = 5;
    internal const int ENOMEM = 12;
    internal const int EINVAL = 22;

    /// <summary>The errno a producer reports for an exception from user code or from exporting.</summary>
    internal static int FromException(Exception e) => e switch
    {
        OutOfMemoryException or InsufficientMemoryException => ENOMEM,
        ArgumentException or FormatException or InvalidDataException or DeepRcInvalidException => EINVAL,
        _ => EIO,  // the source failed to deliver, like a read error
    };

    /// <summary>The exception a consumer throws for a producer's errno.</summary>
    internal static DeepRcException ToException(int errno, string message) => errno switch
    {
        ENOMEM => new DeepRcException(StatusCode.OutOfMemory, message),
        EINVAL => new DeepRcInvalidException(message),
        _ => new DeepRcIOException(message),
    };
}
