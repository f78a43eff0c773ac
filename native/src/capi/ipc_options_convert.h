// C ABI Arrow IPC write options -> io::IpcWriteOptions (shared by ipc_api.cpp and dist_api.cpp).
#pragma once
#include "capi/capi_util.h"
#include "io/ipc_writer.h"

namespace deeprc::capi {

inline io::IpcWriteOptions to_ipc_write_options(const drc_ipc_write_options* options) {
  io::IpcWriteOptions o;
  if (options != nullptr) {
    o.format = static_cast<io::ipc::Format>(options->format);
    o.compression = static_cast<io::ipc::Compression>(options->compression);
    o.max_batch_rows = options->max_batch_rows;
  }
  return o;
}

}  // namespace deeprc::capi
