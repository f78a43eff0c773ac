// Distributed groupby-aggregate.
//
// Strategy:
//  - every aggregate decomposable (sum, count, count_all, mean, min, max, var, std, var_pop,
//    std_pop, first, last) and the keys repeat enough on each rank (GroupByStrategy::Auto below):
//    LOCAL COMBINE -> SHUFFLE -> MERGE. Each rank runs the local groupby
//    with partial-state aggregates (groupby_partials.h), the partial rows (one per rank and group)
//    are hash-shuffled on the keys, and the receiving rank merges them. Moves one row per
//    (rank, group) instead of every row.
//  - otherwise, and for any holistic aggregate (nunique, median, quantile): the raw rows are hash-shuffled, so every
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
  Auto,         // Combine when it reduces the rows (see below), else ShuffleRows
  Combine,      // local combine -> shuffle -> merge (decomposable aggregates only; else ShuffleRows)
  ShuffleRows,  // shuffle the raw rows, then the local groupby
};

// Auto (adaptive partial aggregation, as Trino and Spark do): every rank groups a probe of its
// first max(kGroupByProbeMinRows, rows/16) rows by the keys; the probes' groups over their rows,
// summed over ranks (one allreduce), is the reduction the combine would achieve. At or below
// kGroupByCombineMaxRatio the ranks combine; above it (nearly every row its own group per rank,
// e.g. W3's N/10 groups over 2 ranks) combining costs a groupby pass and saves little traffic, so
// the raw rows are shuffled. Every rank takes the same decision.
inline constexpr int64_t kGroupByProbeMinRows = 1 << 16;
inline constexpr double kGroupByCombineMaxRatio = 0.5;

// Collective. Over all ranks, the union of the results equals (as a multiset of rows) the local
// groupby of the rank-ordered concatenation of the inputs; each group is on exactly one rank.
// Null keys form one group (global scalar aggregates without keys: dist_aggregate.h). Errors,
// raised on every rank before any data moves: schema mismatch between ranks is Invalid on
// (naming the rank and column); key/aggregate errors exactly as compute::groupby.
Table groupby(comm::Communicator& comm, const Table& table, const std::vector<std::string>& keys,
              const std::vector<compute::AggSpec>& aggs, int threads,
              GroupByStrategy strategy = GroupByStrategy::Auto);

}  // namespace deeprc::dist
