// C ABI: the distributed hash-partitioned operators (shuffle, join, groupby, unique, set ops).
#include <string>
#include <vector>

#include "capi/agg_convert.h"
#include "capi/capi_util.h"
#include "capi/comm_handle.h"
#include "capi/join_convert.h"
#include "dist/dist_groupby.h"
#include "dist/dist_join.h"
#include "dist/dist_set_ops.h"
#include "dist/dist_unique.h"
#include "dist/table_exchange.h"

using namespace deeprc;
using namespace deeprc::capi;

extern "C" {

DRC_API drc_status* drc_dist_shuffle(drc_comm* comm, const drc_table* table, const char* const* keys, int32_t num_keys,
                                     int32_t num_threads, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    if (num_keys < 1) throw_invalid("shuffle needs at least one key column");
    *out = make_handle<drc_table>(dist::shuffle(c, table->table, name_list(keys, num_keys, "keys"), num_threads));
  });
}

DRC_API drc_status* drc_dist_join(drc_comm* comm, const drc_table* left, const drc_table* right,
                                  const drc_join_options* options, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(left, "left");
    require_arg(right, "right");
    require_arg(out, "out");
    *out = make_handle<drc_table>(dist::join(c, left->table, right->table, to_join_options(options)));
  });
}

DRC_API drc_status* drc_dist_groupby(drc_comm* comm, const drc_table* table, const char* const* keys,
                                     int32_t num_keys, const drc_aggregate* aggs, int32_t num_aggs,
                                     int32_t num_threads, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    if (num_aggs < 0) throw_invalid("num_aggs must be >= 0");
    if (num_aggs > 0) require_arg(aggs, "aggs");
    std::vector<compute::AggSpec> specs;
    for (int32_t i = 0; i < num_aggs; ++i) specs.push_back(to_spec(aggs[i], i));
    *out = make_handle<drc_table>(dist::groupby(c, table->table, name_list(keys, num_keys, "keys"), specs, num_threads));
  });
}

DRC_API drc_status* drc_dist_unique(drc_comm* comm, const drc_table* table, const char* const* columns,
                                    int32_t num_columns, int32_t keep, int32_t num_threads, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(table, "table");
    require_arg(out, "out");
    if (keep < DRC_KEEP_FIRST || keep > DRC_KEEP_NONE) throw_invalid("keep must be 0 (first), 1 (last) or 2 (none)");
    *out = make_handle<drc_table>(dist::unique(c, table->table, name_list(columns, num_columns, "columns"),
                                               static_cast<compute::Keep>(keep), num_threads));
  });
}

DRC_API drc_status* drc_dist_set_op(drc_comm* comm, const drc_table* a, const drc_table* b, int32_t op,
                                    int32_t num_threads, drc_table** out) {
  DRC_TRY({
    auto& c = comm_of(comm);
    require_arg(a, "a");
    require_arg(b, "b");
    require_arg(out, "out");
    if (op < DRC_SET_UNION || op > DRC_SET_DIFFERENCE) throw_invalid("unknown set operation " + std::to_string(op));
    *out = make_handle<drc_table>(dist::set_op(c, a->table, b->table, static_cast<compute::SetOp>(op), num_threads));
  });
}

}  // extern "C"
