// Whole-column (scalar) aggregates: the groupby kernels over a single group.
#pragma once
#include <string>

#include "arrow/array.h"
#include "compute/aggregate_spec.h"

namespace deeprc::compute {

// A 1-element array of result_type(func, values.type()) (aggregate_spec.h); `name` is used in
// error messages. q is used by quantile only. An empty or all-null column gives null (0 for
// count/count_all/nunique).
Array aggregate(const Array& values, AggFunc func, double q = 0.5, const std::string& name = "value");

}  // namespace deeprc::compute
