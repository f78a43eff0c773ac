// Distributed groupby-aggregate.
//
// Strategy:
//  - every aggregate decomposable (sum, count, count_all, mean, min, max, var, std, var_pop,
//    std_pop, first, last): LOCAL COMBINE -> SHUFFLE -> MERGE. Each rank runs the local groupby
//    with partial-state aggregates (groupby_partials.h), the partial rows (one per rank and group)
//    are hash-shuffled on the keys, and the receiving rank merges them. Moves one row per
//    (rank, group) instead of every row.
//  - any holistic aggregate (nunique, median, quantile): the raw rows are hash-shuffled, so every
//    group lands whole on one rank in global row order, and the local groupby runs there.
// dist::shuffle is stable (every destination receives source rank 0's rows first, each source's
// rows in input order), so first/last equal the local groupby on the concatenation exactly on
// both paths; sums, means and variances may differ from it only by floating-point rounding order.
#pragma once
#include <string>
#include <vector>

#include "arrow/table.h"
#include "comm/communicator.h"
#include "compute/aggregate_spec.h"

namespace deeprc::dist {

enum class GroupByStrategy {
  Auto,         // combine when every aggregate is decomposable, else shuffle raw rows
  ShuffleRows,  // always shuffle the raw rows (the reference strategy; benchmarks compare)
};

// Collective. Over all ranks, the union of the results equals (as a multiset of rows) the local
// groupby of the rank-ordered concatenation of the inputs; each group is on exactly one rank.
// Null keys form one group (global scalar aggregates without keys: dist_aggregate.h). Errors,
// raised on every rank before any data moves: schema mismatch between ranks is Invalid on
// (naming the rank and column); key/aggregate errors exactly as compute::groupby.
Table groupby(comm::Communicator& comm, const Table& table, const std::vector<std::string>& keys,
              const std::vector<compute::AggSpec>& aggs, int threads,
              GroupByStrategy strategy = GroupByStrategy::Auto);

}  // namespace deeprc::dist
