// Read-only memory map of a whole file, exposed as a Buffer whose owner unmaps it: readers parse
// the bytes in place (CSV) or slice zero-copy column buffers out of it (Arrow IPC), and those
// slices keep the mapping alive for as long as any array uses them.
#pragma once
#include <string>

#include "arrow/buffer.h"

namespace deeprc::io {

// Throws IO naming the path when the file is missing, not a regular file or cannot be mapped.
// An empty file maps to an empty buffer whose data() is still non-null.
// populate = map all pages up front (MAP_POPULATE): much cheaper than one page fault per 4 KiB
// when the caller will touch every byte anyway (CSV parsing).
BufferPtr map_file(const std::string& path, bool populate = false);

}  // namespace deeprc::io
