// The combine -> shuffle -> merge plan of the distributed groupby for decomposable aggregates
// (aggregate_kernel.h documents the partial states):
//
//   plan_partials   rewrites the user's aggregates into PARTIAL aggregates that every rank runs
//                   on its own rows with the local groupby (one row per local group), and
//   merge_partials  groups the shuffled partial rows again and merges the states into the
//                   user's result columns (names, types and nullability as the local groupby).
//
// Partial states (one column per distinct (state, column), so sum, mean and count of v share two):
// sum -> sum; count -> count; count_all -> count_all; min / max / first / last -> the same
// function; mean -> (sum for float input, mean for integer input) + count; var / std / var_pop /
// std_pop -> count + mean + var_pop, merged with Chan's formula in row order. The merge expects
// the partial rows of one group in rank order (dist::shuffle and gather_table keep it), which
// makes first/last exact and min/max keep the first of equal values as the local groupby does.
#pragma once
#include <string>
#include <vector>

#include "arrow/table.h"
#include "compute/aggregate_spec.h"

namespace deeprc::dist {

struct PartialPlan {
  std::vector<compute::AggSpec> partial;  // run per rank, aliases are internal column names
};

// True when every aggregate is decomposable (otherwise the raw rows are shuffled).
bool all_decomposable(const std::vector<compute::AggSpec>& aggs);

// `input` is the user's table (only its schema is read: integer vs float inputs of mean).
PartialPlan plan_partials(const Schema& input, const std::vector<compute::AggSpec>& aggs);

// `partials`: rows of local partial results (key columns first, then plan.partial's columns),
// those of one group in rank order. `result_schema`: the local groupby's schema for the user's
// aggregates. Returns one row per group in first-appearance order.
Table merge_partials(const Table& partials, const std::vector<std::string>& keys,
                     const std::vector<compute::AggSpec>& aggs, const Schema& input, const Schema& result_schema,
                     int threads);

}  // namespace deeprc::dist
