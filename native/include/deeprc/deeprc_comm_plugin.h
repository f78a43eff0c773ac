/* DeepRC communicator plugin ABI.
 *
 * libdeeprc.so (the core) has no MPI, Gloo or CUDA dependency. Each backend is a separate shared
 * library loaded with dlopen on first use:
 *
 *   libdeeprc_mpi.so   (OpenMPI or MPICH; an HPC admin can rebuild only this one: it needs this
 *                       header, one source file and the site MPI)
 *   libdeeprc_gloo.so  (Debian's libgloo.so.0, TCP transport)
 *   libdeeprc_nccl.so  (dlopens libnccl.so.2 and libcudart at run time; builds without CUDA)
 *
 * The boundary is plain C so that a plugin built by another compiler (or against another MPI)
 * still works: the core asks the plugin's create function for a vtable + an opaque instance and
 * wraps it in its C++ Communicator. Plugins never throw across this boundary: every fallible call
 * returns 0 on success or a drc_status_code value and fills `err`.
 *
 * Conventions for every collective:
 *  - counts, displacements and sizes are BYTES as int64_t (no 2 GiB cap: plugins chunk internally);
 *  - buffers are host memory unless the vtable says device_memory = 1 (NCCL);
 *  - blocking until complete, without spinning a core in our own code.
 */
#ifndef DEEPRC_COMM_PLUGIN_H
#define DEEPRC_COMM_PLUGIN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DRC_COMM_PLUGIN_ABI_VERSION 1

typedef struct drc_plugin_error {
  int32_t code;        /* a drc_status_code value (DRC_STATUS_*); 0 = none */
  char message[1024];  /* UTF-8, NUL-terminated */
} drc_plugin_error;

/* Reductions for allreduce. dtype is a drc_type_id (int8..uint64, float32, float64). */
enum drc_plugin_reduce_op { DRC_PLUGIN_REDUCE_SUM = 0, DRC_PLUGIN_REDUCE_MIN = 1, DRC_PLUGIN_REDUCE_MAX = 2 };

typedef struct drc_comm_vtable {
  uint32_t abi_version; /* DRC_COMM_PLUGIN_ABI_VERSION */
  uint32_t struct_size; /* sizeof(drc_comm_vtable) */
  const char* backend;  /* "mpi", "gloo", "nccl" */
  int32_t device_memory; /* 1: buffers are device pointers */
  int32_t reserved;
  int32_t (*rank)(void* self);
  int32_t (*size)(void* self);
  int32_t (*barrier)(void* self, drc_plugin_error* err);
  /* Rank r sends send[send_displs[d] .. +send_counts[d]) to every rank d and receives
     recv[recv_displs[s] .. +recv_counts[s]) from every rank s. All arrays have size() entries. */
  int32_t (*alltoallv)(void* self, const void* send, const int64_t* send_counts, const int64_t* send_displs,
                       void* recv, const int64_t* recv_counts, const int64_t* recv_displs, drc_plugin_error* err);
  /* Every rank contributes send_count bytes; recv gets rank s's bytes at recv_displs[s]. */
  int32_t (*allgatherv)(void* self, const void* send, int64_t send_count, void* recv, const int64_t* recv_counts,
                        const int64_t* recv_displs, drc_plugin_error* err);
  /* Like allgatherv, but only `root` receives (recv, recv_counts, recv_displs ignored elsewhere). */
  int32_t (*gatherv)(void* self, const void* send, int64_t send_count, void* recv, const int64_t* recv_counts,
                     const int64_t* recv_displs, int32_t root, drc_plugin_error* err);
  int32_t (*bcast)(void* self, void* buffer, int64_t size, int32_t root, drc_plugin_error* err);
  /* Element-wise reduction of `count` elements of type dtype (send may equal recv). */
  int32_t (*allreduce)(void* self, const void* send, void* recv, int64_t count, int32_t dtype, int32_t op,
                       drc_plugin_error* err);
  /* A communicator over ranks[0..n) of this one (strictly increasing, including the caller), in
     that order. Collective over those ranks ONLY: other ranks do not take part, so disjoint groups
     can be created concurrently. `tag` distinguishes concurrent creations (same on all members). */
  int32_t (*create_group)(void* self, const int32_t* ranks, int32_t n, int64_t tag, void** out_self,
                          drc_plugin_error* err);
  /* Releases the instance collectively (MPI_Comm_free; MPI_Finalize when the plugin initialised
     MPI and this was its last communicator). */
  int32_t (*destroy)(void* self, drc_plugin_error* err);
  /* Frees the instance's memory without any communication (used when a communicator is dropped
     without being closed, e.g. from a finalizer). */
  void (*abandon)(void* self);
} drc_comm_vtable;

/* A key-value store for rendezvous, provided by the core (file store on a shared file system, or
   the TCP store) to plugins that need one (Gloo; NCCL unique-id exchange). */
typedef struct drc_kv_store {
  void* self;
  int32_t (*set)(void* self, const char* key, const void* value, int64_t size, drc_plugin_error* err);
  /* Waits until `key` exists (at most timeout_ms) and returns a copy of its value, allocated with
     malloc (the caller frees it with free_value). A timeout is DRC_STATUS_IO naming the key. */
  int32_t (*get)(void* self, const char* key, int64_t timeout_ms, void** value, int64_t* size, drc_plugin_error* err);
  void (*free_value)(void* self, void* value);
} drc_kv_store;

/* ---- entry points (one per plugin, distinct names so that plugins can share a process) ---- */

/* libdeeprc_mpi.so */
enum drc_mpi_mode {
  DRC_MPI_WORLD = 0,        /* MPI_COMM_WORLD; initialises MPI (MPI_Init_thread) unless already initialised */
  DRC_MPI_WRAP_FORTRAN = 1, /* wrap the host's communicator given as a Fortran handle (MPI_Comm_c2f) */
  DRC_MPI_WRAP_POINTER = 2  /* wrap the host's communicator given as the address of an MPI_Comm */
};
typedef struct drc_mpi_create_args {
  uint32_t struct_size;
  int32_t mode;           /* drc_mpi_mode */
  int32_t thread_level;   /* required level when initialising: 0 single, 1 funneled, 2 serialized, 3 multiple */
  int32_t reserved;
  int64_t fortran_handle; /* DRC_MPI_WRAP_FORTRAN */
  const void* comm_ptr;   /* DRC_MPI_WRAP_POINTER: const MPI_Comm* */
} drc_mpi_create_args;
typedef int32_t (*drc_mpi_plugin_create_fn)(const drc_mpi_create_args* args, const drc_comm_vtable** vtable,
                                            void** self, drc_plugin_error* err);
#define DRC_MPI_PLUGIN_CREATE "drc_mpi_plugin_create"

/* libdeeprc_gloo.so */
typedef struct drc_gloo_create_args {
  uint32_t struct_size;
  int32_t rank;
  int32_t size;
  int32_t reserved;
  const drc_kv_store* store; /* rendezvous store; the plugin copies the struct and keeps using its callbacks
                                for create_group, so they must stay valid until this communicator and every
                                group created from it are destroyed (comm/gloo_comm.cpp owns them) */
  const char* prefix;        /* key prefix unique to this communicator (job id, group tag) */
  const char* hostname;      /* address other ranks reach this one at; NULL/"" = this host's name */
  const char* iface;         /* network interface to bind (e.g. "lo", "eth0"); overrides hostname */
  int64_t timeout_ms;        /* rendezvous and per-operation timeout; <= 0 = 300000 */
} drc_gloo_create_args;
typedef int32_t (*drc_gloo_plugin_create_fn)(const drc_gloo_create_args* args, const drc_comm_vtable** vtable,
                                             void** self, drc_plugin_error* err);
#define DRC_GLOO_PLUGIN_CREATE "drc_gloo_plugin_create"

/* libdeeprc_nccl.so. The 128-byte unique id comes from rank 0's get_unique_id and is passed to
   the other ranks by the caller (through a host communicator). */
typedef struct drc_nccl_create_args {
  uint32_t struct_size;
  int32_t rank;
  int32_t size;
  int32_t device;             /* CUDA device ordinal */
  const uint8_t* unique_id;   /* 128 bytes */
} drc_nccl_create_args;
typedef int32_t (*drc_nccl_plugin_available_fn)(drc_plugin_error* err); /* 0 when libnccl + a GPU are usable */
typedef int32_t (*drc_nccl_plugin_unique_id_fn)(uint8_t* out128, drc_plugin_error* err);
typedef int32_t (*drc_nccl_plugin_create_fn)(const drc_nccl_create_args* args, const drc_comm_vtable** vtable,
                                             void** self, drc_plugin_error* err);
#define DRC_NCCL_PLUGIN_AVAILABLE "drc_nccl_plugin_available"
#define DRC_NCCL_PLUGIN_UNIQUE_ID "drc_nccl_plugin_unique_id"
#define DRC_NCCL_PLUGIN_CREATE "drc_nccl_plugin_create"

#ifdef __cplusplus
}
#endif

#endif /* DEEPRC_COMM_PLUGIN_H */
