// C ABI: constructors of the MPI and NCCL communicators (plugins loaded on first use).
#include "capi/capi_util.h"
#include "capi/comm_handle.h"
#include "comm/backends.h"

using namespace deeprc;
using namespace deeprc::capi;

extern "C" {

DRC_API drc_status* drc_comm_mpi_world(int32_t thread_level, drc_comm** out) {
  DRC_TRY({
    require_arg(out, "out");
    *out = make_handle<drc_comm>(comm::make_mpi_world(thread_level));
  });
}

DRC_API drc_status* drc_comm_mpi_wrap_fortran(int64_t fortran_handle, drc_comm** out) {
  DRC_TRY({
    require_arg(out, "out");
    *out = make_handle<drc_comm>(comm::make_mpi_wrap_fortran(fortran_handle));
  });
}

DRC_API drc_status* drc_comm_mpi_wrap(const void* mpi_comm_ptr, drc_comm** out) {
  DRC_TRY({
    require_arg(out, "out");
    require_arg(mpi_comm_ptr, "mpi_comm_ptr");
    *out = make_handle<drc_comm>(comm::make_mpi_wrap(mpi_comm_ptr));
  });
}

DRC_API drc_status* drc_nccl_available(void) { DRC_TRY({ comm::check_nccl_available(); }); }

DRC_API drc_status* drc_comm_nccl(drc_comm* host, int32_t device, drc_comm** out) {
  DRC_TRY({
    require_arg(out, "out");
    auto& h = comm_of(host, false);
    *out = make_handle<drc_comm>(comm::make_nccl(h, device));
  });
}

}  // extern "C"
