#include "capi/capi_util.h"
#include "compute/sort.h"

using namespace deeprc;
using namespace deeprc::capi;

namespace {

std::vector<compute::SortKey> to_sort_keys(const drc_sort_key* keys, int32_t num_keys) {
  if (num_keys <= 0) throw_invalid("sort: at least one sort key is required");
  require_arg(keys, "keys");
  std::vector<compute::SortKey> out;
  out.reserve(static_cast<size_t>(num_keys));
  for (int32_t i = 0; i < num_keys; ++i) {
    if (keys[i].column == nullptr) throw_invalid("sort: key " + std::to_string(i) + " has a NULL column name");
    out.push_back({keys[i].column, keys[i].descending != 0, keys[i].nulls_first != 0});
  }
  return out;
}

}  // namespace

extern "C" {

DRC_API drc_status* drc_table_sort(const drc_table* table, const drc_sort_key* keys, int32_t num_keys,
                                   int32_t num_threads, drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(compute::sort(table->table, to_sort_keys(keys, num_keys), num_threads));
  });
}

DRC_API drc_status* drc_table_sort_indices(const drc_table* table, const drc_sort_key* keys, int32_t num_keys,
                                           int32_t num_threads, drc_array** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_array>(compute::sort_indices(table->table, to_sort_keys(keys, num_keys), num_threads));
  });
}

DRC_API drc_status* drc_table_is_sorted(const drc_table* table, const drc_sort_key* keys, int32_t num_keys,
                                        int32_t* out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    *out = compute::is_sorted(table->table, to_sort_keys(keys, num_keys)) ? 1 : 0;
  });
}

}  // extern "C"
