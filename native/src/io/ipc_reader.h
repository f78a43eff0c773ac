// Arrow IPC reader for the stream format and the file format (Feather v2). Detects the format
// from the content, validates every message (flatbuffers verifier, buffer bounds, sizes) and
// concatenates all record batches into one table. Uncompressed buffers are used in place: the
// arrays point into the mapped file, which stays mapped while any of them lives.
#pragma once
#include <cstdint>
#include <string>

#include "arrow/buffer.h"
#include "arrow/table.h"

namespace deeprc::io {

// Errors (Parse, Unsupported, IO, NotFound) name the file and what is wrong.
Table read_ipc(const std::string& path);

// Reads IPC bytes from memory. The bytes are copied once (into an aligned buffer) so the result
// does not depend on the caller's memory. `source` names the data in error messages.
Table read_ipc_bytes(const uint8_t* data, int64_t size, const std::string& source = "<memory>");

// Reads from a buffer that the resulting arrays may reference (zero-copy).
Table read_ipc_buffer(const BufferPtr& data, const std::string& source);

}  // namespace deeprc::io
