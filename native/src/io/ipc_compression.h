// Arrow IPC body compression (BodyCompression method BUFFER): each non-empty buffer is stored as
// an int64 uncompressed length followed by an LZ4 frame or a ZSTD frame (or, with length -1,
// the raw bytes when compressing would not make them smaller).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "arrow/buffer.h"
#include "io/ipc_format.h"

namespace deeprc::io::ipc {

// Appends the framed (prefixed) form of [data, data+size) to `out`. size must be > 0.
void compress_buffer(Compression codec, const uint8_t* data, int64_t size, std::vector<uint8_t>& out);

// Decodes one framed buffer. `what` names the buffer in error messages (file, column, ...).
// Throws Parse on a bad prefix, corrupt frame, or a size different from the prefix.
BufferPtr decompress_buffer(Compression codec, const uint8_t* data, int64_t size, const std::string& what);

}  // namespace deeprc::io::ipc
