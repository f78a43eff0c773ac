// Arrow IPC writer: stream format and file format (Feather v2), optional LZ4/ZSTD body
// compression, tables cut into record batches of at most max_batch_rows rows.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "arrow/table.h"
#include "io/ipc_format.h"

namespace deeprc::io {

struct IpcWriteOptions {
  ipc::Format format = ipc::Format::File;
  ipc::Compression compression = ipc::Compression::None;
  int64_t max_batch_rows = 0;  // 0 = the whole table in one record batch
};

// Writes through io::AtomicFile (temporary file + rename): on failure no file is left behind.
void write_ipc(const Table& table, const std::string& path, const IpcWriteOptions& options = {});

// The same bytes, in memory (tests, and callers that ship IPC data over the network).
std::vector<uint8_t> write_ipc_bytes(const Table& table, const IpcWriteOptions& options = {});

// Low level: streams the encoded bytes to `sink` in order.
using IpcSink = std::function<void(const void* data, size_t size)>;
void write_ipc_to(const Table& table, const IpcWriteOptions& options, const IpcSink& sink);

}  // namespace deeprc::io
