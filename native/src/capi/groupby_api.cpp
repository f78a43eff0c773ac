// C ABI: groupby-aggregate and whole-column aggregates.
#include <string>
#include <vector>

#include "capi/agg_convert.h"
#include "capi/capi_util.h"
#include "compute/aggregate.h"
#include "compute/groupby.h"

using namespace deeprc;
using namespace deeprc::capi;

namespace {

static_assert(DRC_AGG_SUM == static_cast<int>(compute::AggFunc::Sum));
static_assert(DRC_AGG_COUNT_ALL == static_cast<int>(compute::AggFunc::CountAll));
static_assert(DRC_AGG_QUANTILE == static_cast<int>(compute::AggFunc::Quantile));
static_assert(DRC_AGG_QUANTILE + 1 == compute::kNumAggFuncs);

}  // namespace

extern "C" {

DRC_API drc_status* drc_table_groupby(const drc_table* table, const char* const* keys, int32_t num_keys,
                                      const drc_aggregate* aggs, int32_t num_aggs, int32_t num_threads,
                                      drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    if (num_keys < 0 || num_aggs < 0) throw_invalid("num_keys and num_aggs must be >= 0");
    if (num_keys > 0) require_arg(keys, "keys");
    if (num_aggs > 0) require_arg(aggs, "aggs");
    std::vector<std::string> key_names;
    for (int32_t i = 0; i < num_keys; ++i) {
      if (keys[i] == nullptr) throw_invalid("key " + std::to_string(i) + " is NULL");
      key_names.emplace_back(keys[i]);
    }
    std::vector<compute::AggSpec> specs;
    for (int32_t i = 0; i < num_aggs; ++i) specs.push_back(to_spec(aggs[i], i));
    *out = make_handle<drc_table>(compute::groupby(table->table, key_names, specs, num_threads));
  });
}

DRC_API drc_status* drc_array_aggregate(const drc_array* array, int32_t func, double q, drc_array** out) {
  DRC_TRY({
    require_arg(array, "array");
    require_arg(out, "out");
    *out = make_handle<drc_array>(compute::aggregate(array->array, compute::agg_func_from_int(func), q, "column"));
  });
}

}  // extern "C"
