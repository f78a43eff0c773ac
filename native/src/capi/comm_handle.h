// The drc_comm handle: owns a Communicator. drc_comm_close runs its collective close();
// drc_comm_free only destroys it (the destructor never communicates).
#pragma once
#include <memory>

#include "comm/communicator.h"

struct drc_comm {
  std::unique_ptr<deeprc::comm::Communicator> comm;
};

namespace deeprc::capi {
// The communicator behind a handle; Invalid for NULL, and for a device-memory (NCCL) communicator
// when `host_buffers` is set (table operators need host memory).
deeprc::comm::Communicator& comm_of(drc_comm* handle, bool host_buffers = true);
}  // namespace deeprc::capi
