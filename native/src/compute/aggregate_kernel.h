// Aggregate kernels: per-group states updated by batches of (row, group id) pairs, then
// finalised into one output value per group.
//
// Why this shape: group-id assignment (group_table.h) and the aggregate arithmetic are separate,
// so every consumer drives the same kernels — the local groupby (one kernel set per hash
// partition), whole-column aggregates (a single group) and, next, the distributed groupby:
//
//   groupby_partial   run the kernels per rank and emit their PARTIAL STATES as columns
//   shuffle           hash-partition the partial rows by key (dist/)
//   merge_partials    group the partial rows again and merge the states
//
// The partial state of each decomposable function (is_decomposable) is:
//   sum        -> sum (+ count of values, so that an all-null group stays null)
//   count      -> count                      count_all -> count
//   mean       -> sum + count                 min / max -> value + has_value
//   var / std / var_pop / std_pop -> count + mean + M2 (Welford; merged with Chan's formula:
//               n = na+nb, d = mb-ma, mean = ma + d*nb/n, M2 = M2a + M2b + d*d*na*nb/n)
//   first / last -> value + the global row position it came from (keep the smaller / larger)
// nunique, median and quantile are holistic: they need the values themselves (shuffle raw rows).
//
// Contract: rows of one group must be fed in input order (first/last depend on it, and so does
// the exact rounding of floating-point sums — the groupby keeps every group inside one partition
// and feeds it in input order, so results are bit-identical for every thread count).
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "arrow/array.h"
#include "compute/aggregate_spec.h"

namespace deeprc::compute {

class AggKernel {
 public:
  virtual ~AggKernel() = default;
  // Grows the state to `num_groups` groups; new groups start empty. Never shrinks.
  virtual void resize(int64_t num_groups) = 0;
  // Adds input row rows[i] to group gids[i] for i in [0, n).
  virtual void update(const int64_t* rows, const uint32_t* gids, int64_t n) = 0;
  // One value per group (length = the last resize), of result_type(spec, input type).
  virtual Array finalize() = 0;
};

// A kernel for `spec` reading `values` (the kernel shares the array). `values` may be an
// invalid handle for count_all without a column. Throws Invalid for unsupported input types.
std::unique_ptr<AggKernel> make_kernel(const AggSpec& spec, const Array& values);

// Kernels for a list of aggregates over the same rows (values[i] is spec i's column). Aggregates
// that can share a state (sum / mean / count of one numeric column) do: the rows are read once.
std::vector<std::unique_ptr<AggKernel>> make_kernels(const std::vector<AggSpec>& specs, const std::vector<Array>& values);

// Kernel families, one file each (aggregate_basic.cpp, aggregate_holistic.cpp).
std::unique_ptr<AggKernel> make_basic_kernel(const AggSpec& spec, const Array& values);
std::unique_ptr<AggKernel> make_holistic_kernel(const AggSpec& spec, const Array& values);

}  // namespace deeprc::compute
