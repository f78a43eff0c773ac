using DeepRC.Interop;

namespace DeepRC;

/// <summary>Status codes reported by the native core (mirrors <c>drc_status_code</c>).</summary>
public enum StatusCode
{
    /// <summary>Success.</summary>
    Ok = (int)drc_status_code.DRC_STATUS_OK,
    /// <summary>Bad argument or bad input data.</summary>
    Invalid = (int)drc_status_code.DRC_STATUS_INVALID,
    /// <summary>File system or operating system failure.</summary>
    IO = (int)drc_status_code.DRC_STATUS_IO,
    /// <summary>Valid but not supported, e.g. an Arrow type DeepRC does not implement.</summary>
    Unsupported = (int)drc_status_code.DRC_STATUS_UNSUPPORTED,
    /// <summary>Memory could not be allocated.</summary>
    OutOfMemory = (int)drc_status_code.DRC_STATUS_OUT_OF_MEMORY,
    /// <summary>A bug in DeepRC.</summary>
    Internal = (int)drc_status_code.DRC_STATUS_INTERNAL,
    /// <summary>Missing column, file or plugin.</summary>
    NotFound = (int)drc_status_code.DRC_STATUS_NOT_FOUND,
    /// <summary>Malformed data (CSV, Arrow IPC, ...).</summary>
    Parse = (int)drc_status_code.DRC_STATUS_PARSE,
    /// <summary>Communicator failure: a peer failed or vanished, a timeout, a transport error.</summary>
    Comm = (int)drc_status_code.DRC_STATUS_COMM,
}

/// <summary>An error reported by the DeepRC native core; the message is the native message.</summary>
public class DeepRcException : Exception
{
    /// <summary>Creates an exception with a status code and message.</summary>
    public DeepRcException(StatusCode code, string message) : base(message) => Code = code;

    /// <summary>The native status code.</summary>
    public StatusCode Code { get; }

    internal static DeepRcException FromStatus(StatusCode code, string message) => code switch
    {
        StatusCode.Invalid => new DeepRcInvalidException(message),
        StatusCode.IO => new DeepRcIOException(message),
        StatusCode.Unsupported => new DeepRcUnsupportedException(message),
        StatusCode.NotFound => new DeepRcNotFoundException(message),
        StatusCode.Parse => new DeepRcParseException(message),
        StatusCode.Comm => new DeepRcCommException(message),
        _ => new DeepRcException(code, message),
    };
}

/// <summary>Bad argument or bad input data.</summary>
public sealed class DeepRcInvalidException(string message) : DeepRcException(StatusCode.Invalid, message);

/// <summary>A file system or operating system failure.</summary>
public sealed class DeepRcIOException(string message) : DeepRcException(StatusCode.IO, message);

/// <summary>Valid input that DeepRC does not support (e.g. an unsupported Arrow type).</summary>
public sealed class DeepRcUnsupportedException(string message) : DeepRcException(StatusCode.Unsupported, message);

/// <summary>A missing column, file or plugin.</summary>
public sealed class DeepRcNotFoundException(string message) : DeepRcException(StatusCode.NotFound, message);

/// <summary>Malformed data; the message names the file, row and column where known.</summary>
public sealed class DeepRcParseException(string message) : DeepRcException(StatusCode.Parse, message);

/// <summary>A communicator failure: a peer failed or vanished, a collective timed out, a transport error.</summary>
public sealed class DeepRcCommException(string message) : DeepRcException(StatusCode.Comm, message);
