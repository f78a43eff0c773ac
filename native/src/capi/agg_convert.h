// drc_aggregate (C ABI) -> compute::AggSpec, validated; shared by the local and distributed groupby.
#pragma once
#include <string>

#include "capi/capi_util.h"
#include "compute/aggregate_spec.h"

namespace deeprc::capi {

inline compute::AggSpec to_spec(const drc_aggregate& a, int32_t index) {
  if (a.reserved != 0) throw_invalid("aggregate " + std::to_string(index) + ": reserved must be 0");
  compute::AggSpec s;
  s.func = compute::agg_func_from_int(a.func);
  s.column = a.column ? a.column : "";
  s.q = a.q;
  s.alias = a.alias ? a.alias : "";
  return s;
}

}  // namespace deeprc::capi
