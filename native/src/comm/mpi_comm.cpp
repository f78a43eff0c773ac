// MPI communicators: thin factories over the MPI plugin (libdeeprc_mpi.so, native/plugins/mpi),
// which does the MPI work; the core has no MPI dependency.
#include <string>

#include "comm/backends.h"
#include "comm/plugin_comm.h"
#include "core/error.h"

namespace deeprc::comm {
namespace {

std::unique_ptr<Communicator> create(drc_mpi_create_args args) {
  auto fn = reinterpret_cast<drc_mpi_plugin_create_fn>(plugin_symbol("mpi", DRC_MPI_PLUGIN_CREATE));
  args.struct_size = sizeof(drc_mpi_create_args);
  const drc_comm_vtable* vtable = nullptr;
  void* self = nullptr;
  drc_plugin_error err{};
  if (const int32_t rc = fn(&args, &vtable, &self, &err); rc != 0) throw_plugin_error(rc, err, "MPI communicator");
  return wrap_plugin(vtable, self);
}

}  // namespace

std::unique_ptr<Communicator> make_mpi_world(int thread_level) {
  if (thread_level < 0 || thread_level > 3)
    throw_invalid("thread_level " + std::to_string(thread_level) +
                  " must be 0 (single), 1 (funneled), 2 (serialized) or 3 (multiple)");
  drc_mpi_create_args args{};
  args.mode = DRC_MPI_WORLD;
  args.thread_level = thread_level;
  return create(args);
}

std::unique_ptr<Communicator> make_mpi_wrap_fortran(int64_t fortran_handle) {
  drc_mpi_create_args args{};
  args.mode = DRC_MPI_WRAP_FORTRAN;
  args.fortran_handle = fortran_handle;
  return create(args);
}

std::unique_ptr<Communicator> make_mpi_wrap(const void* mpi_comm_ptr) {
  if (mpi_comm_ptr == nullptr) throw_invalid("argument 'mpi_comm_ptr' must point to an MPI_Comm");
  drc_mpi_create_args args{};
  args.mode = DRC_MPI_WRAP_POINTER;
  args.comm_ptr = mpi_comm_ptr;
  return create(args);
}

}  // namespace deeprc::comm
