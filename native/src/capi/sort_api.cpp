#include "capi/capi_util.h"
#include "capi/sort_convert.h"
#include "compute/sort.h"

using namespace deeprc;
using namespace deeprc::capi;

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
