// Read-only memory map of a whole file, exposed as a Buffer whose owner unmaps it: slices of it
// (zero-copy column buffers) keep the mapping alive for as long as any array uses them.
#pragma once
#include <string>

#include "arrow/buffer.h"

namespace deeprc::io {

// Throws NotFound if the file does not exist, IO on other failures. An empty file maps to an
// empty buffer.
BufferPtr map_file(const std::string& path);

}  // namespace deeprc::io
