// C ABI: unique / drop_duplicates and set operations.
#include <string>
#include <vector>

#include "capi/capi_util.h"
#include "compute/set_ops.h"
#include "compute/unique.h"

using namespace deeprc;
using namespace deeprc::capi;

namespace {
compute::Keep to_keep(int32_t keep) {
  if (keep < DRC_KEEP_FIRST || keep > DRC_KEEP_NONE)
    throw_invalid("keep must be DRC_KEEP_FIRST (0), DRC_KEEP_LAST (1) or DRC_KEEP_NONE (2), got " +
                  std::to_string(keep));
  return static_cast<compute::Keep>(keep);
}

compute::SetOp to_set_op(int32_t op) {
  if (op < DRC_SET_UNION || op > DRC_SET_DIFFERENCE)
    throw_invalid("op must be DRC_SET_UNION (0), DRC_SET_UNION_ALL (1), DRC_SET_INTERSECT (2) or DRC_SET_DIFFERENCE (3), got " +
                  std::to_string(op));
  return static_cast<compute::SetOp>(op);
}
}  // namespace

static_assert(static_cast<int>(compute::Keep::Last) == DRC_KEEP_LAST && static_cast<int>(compute::Keep::None) == DRC_KEEP_NONE);
static_assert(static_cast<int>(compute::SetOp::UnionAll) == DRC_SET_UNION_ALL &&
              static_cast<int>(compute::SetOp::Difference) == DRC_SET_DIFFERENCE);

extern "C" {

DRC_API drc_status* drc_table_unique(const drc_table* table, const char* const* columns, int32_t num_columns,
                                     int32_t keep, int32_t num_threads, drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    if (num_columns < 0) throw_invalid("num_columns must be >= 0, got " + std::to_string(num_columns));
    if (num_columns > 0) require_arg(columns, "columns");
    std::vector<std::string> names;
    for (int32_t i = 0; i < num_columns; ++i) {
      if (columns[i] == nullptr) throw_invalid("column name " + std::to_string(i) + " is NULL");
      names.emplace_back(columns[i]);
    }
    *out = make_handle<drc_table>(compute::unique(table->table, names, to_keep(keep), num_threads));
  });
}

DRC_API drc_status* drc_array_unique(const drc_array* array, int32_t num_threads, drc_array** out) {
  DRC_TRY({
    require_arg(array, "array");
    require_arg(out, "out");
    *out = make_handle<drc_array>(compute::distinct_values(array->array, num_threads));
  });
}

DRC_API drc_status* drc_table_set_op(const drc_table* a, const drc_table* b, int32_t op, int32_t num_threads,
                                     drc_table** out) {
  DRC_TRY({
    require_arg(a, "a");
    require_arg(b, "b");
    require_arg(out, "out");
    *out = make_handle<drc_table>(compute::set_op(a->table, b->table, to_set_op(op), num_threads));
  });
}

}  // extern "C"
