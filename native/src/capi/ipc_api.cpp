// C ABI for Arrow IPC: thin wrappers over io::write_ipc / io::read_ipc.
#include "capi/capi_util.h"
#include "capi/ipc_options_convert.h"
#include "io/ipc_reader.h"
#include "io/ipc_writer.h"

using namespace deeprc;
using namespace deeprc::capi;

static_assert(DRC_IPC_STREAM == static_cast<int>(io::ipc::Format::Stream) &&
              DRC_IPC_FILE == static_cast<int>(io::ipc::Format::File));
static_assert(DRC_COMPRESSION_NONE == static_cast<int>(io::ipc::Compression::None) &&
              DRC_COMPRESSION_LZ4_FRAME == static_cast<int>(io::ipc::Compression::Lz4Frame) &&
              DRC_COMPRESSION_ZSTD == static_cast<int>(io::ipc::Compression::Zstd));

extern "C" {

DRC_API void drc_ipc_write_options_init(drc_ipc_write_options* options) {
  if (options == nullptr) return;
  options->format = DRC_IPC_FILE;
  options->compression = DRC_COMPRESSION_NONE;
  options->max_batch_rows = 0;
}

DRC_API drc_status* drc_ipc_write(const drc_table* table, const char* path, const drc_ipc_write_options* options) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(path, "path");
    io::write_ipc(table->table, path, to_ipc_write_options(options));
  });
}

DRC_API drc_status* drc_ipc_read(const char* path, drc_table** out) {
  DRC_TRY({
    require_arg(path, "path");
    require_arg(out, "out");
    *out = make_handle<drc_table>(io::read_ipc(path));
  });
}

DRC_API drc_status* drc_ipc_read_bytes(const uint8_t* bytes, int64_t size, drc_table** out) {
  DRC_TRY({
    require_arg(out, "out");
    if (size > 0) require_arg(bytes, "bytes");
    *out = make_handle<drc_table>(io::read_ipc_bytes(bytes, size));
  });
}

}  // extern "C"
