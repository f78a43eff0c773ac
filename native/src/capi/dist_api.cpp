// C ABI of the distributed sort, slicing, rebalance, scalar aggregates, gather and distributed
// read/write (dist/dist_sort.h, dist_slice.h, dist_aggregate.h, dist_io.h, table_exchange.h).
#include <string>
#include <vector>

#include "capi/capi_util.h"
#include "capi/comm_handle.h"
#include "capi/csv_options_convert.h"
#include "capi/ipc_options_convert.h"
#include "capi/sort_convert.h"
#include "compute/aggregate_spec.h"
#include "dist/dist_aggregate.h"
#include "dist/dist_io.h"
#include "dist/dist_slice.h"
#include "dist/dist_sort.h"
#include "dist/table_exchange.h"

using namespace deeprc;
using namespace deeprc::capi;

namespace {

std::vector<std::string> to_paths(const char* const* paths, int32_t num_paths) {
  if (num_paths <= 0) throw_invalid("at least one path is required");
  require_arg(paths, "paths");
  std::vector<std::string> out;
  for (int32_t i = 0; i < num_paths; ++i) {
    if (paths[i] == nullptr) throw_invalid("paths[" + std::to_string(i) + "] is NULL");
    out.emplace_back(paths[i]);
  }
  return out;
}

}  // namespace

extern "C" {

DRC_API drc_status* drc_dist_sort(drc_comm* comm, const drc_table* table, const drc_sort_key* keys, int32_t num_keys,
                                  int32_t num_threads, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(dist::sort(c, table->table, to_sort_keys(keys, num_keys), num_threads));
  });
}

DRC_API drc_status* drc_dist_num_rows(drc_comm* comm, const drc_table* table, int64_t* out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    *out = dist::num_rows(c, table->table);
  });
}

DRC_API drc_status* drc_dist_slice(drc_comm* comm, const drc_table* table, int64_t offset, int64_t length,
                                   drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(dist::slice(c, table->table, offset, length));
  });
}

DRC_API drc_status* drc_dist_head(drc_comm* comm, const drc_table* table, int64_t n, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(dist::head(c, table->table, n));
  });
}

DRC_API drc_status* drc_dist_tail(drc_comm* comm, const drc_table* table, int64_t n, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(dist::tail(c, table->table, n));
  });
}

DRC_API drc_status* drc_dist_rebalance(drc_comm* comm, const drc_table* table, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(dist::rebalance(c, table->table));
  });
}

DRC_API drc_status* drc_dist_aggregate(drc_comm* comm, const drc_table* table, const char* column, int32_t func,
                                       double q, drc_array** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    const compute::AggFunc f = compute::agg_func_from_int(func);
    *out = make_handle<drc_array>(dist::aggregate(c, table->table, column ? column : "", f, q, 0));
  });
}

DRC_API drc_status* drc_dist_gather(drc_comm* comm, const drc_table* table, int32_t root, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(dist::gather_table(c, table->table, root));
  });
}

DRC_API drc_status* drc_dist_allgather(drc_comm* comm, const drc_table* table, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(dist::allgather_table(c, table->table));
  });
}

DRC_API drc_status* drc_dist_read_csv(drc_comm* comm, const char* const* paths, int32_t num_paths,
                                      const drc_csv_read_options* options, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(out, "out");
    *out = make_handle<drc_table>(dist::read_csv(c, to_paths(paths, num_paths), to_read_options(options)));
  });
}

DRC_API drc_status* drc_dist_read_ipc(drc_comm* comm, const char* const* paths, int32_t num_paths, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(out, "out");
    *out = make_handle<drc_table>(dist::read_ipc(c, to_paths(paths, num_paths)));
  });
}

DRC_API drc_status* drc_dist_write_ipc(drc_comm* comm, const drc_table* table, const char* path, int32_t gather,
                                       const drc_ipc_write_options* options) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(path, "path");
    dist::write_ipc(c, table->table, path, gather != 0, to_ipc_write_options(options));
  });
}

DRC_API drc_status* drc_dist_write_csv(drc_comm* comm, const drc_table* table, const char* path, int32_t gather,
                                       const drc_csv_write_options* options) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(path, "path");
    dist::write_csv(c, table->table, path, gather != 0, to_write_options(options));
  });
}

DRC_API drc_status* drc_dist_rank_path(const char* path, int32_t rank, char** out) {
  DRC_TRY({
    require_arg(path, "path");
    require_arg(out, "out");
    if (rank < 0) throw_invalid("rank must be >= 0, got " + std::to_string(rank));
    *out = dup_string(dist::rank_path(path, rank));
  });
}

}  // extern "C"
