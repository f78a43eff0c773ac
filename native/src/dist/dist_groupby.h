// Distributed groupby-aggregate.
//
// Current strategy (all aggregates, decomposable or holistic): the raw rows are hash-shuffled on
// the keys (dist::shuffle is stable: every destination receives source rank 0's rows first, each
// source's rows in input order), so every group lands whole on one rank in GLOBAL row order, and
// compute::groupby aggregates it there. first/last therefore equal the local groupby on the
// concatenation exactly; sums may differ from it only by float rounding order.
// Not yet done: the combine -> shuffle -> merge path for decomposable aggregates (partial states),
// which would move one row per (rank, group) instead of every row.
#pragma once
#include <string>
#include <vector>

#include "arrow/table.h"
#include "comm/communicator.h"
#include "compute/aggregate_spec.h"

namespace deeprc::dist {

// Collective. Over all ranks, the union of the results equals (as a multiset of rows) the local
// groupby of the rank-ordered concatenation of the inputs; each group is on exactly one rank.
// Null keys form one group. With no keys the single result row is on rank 0 (other ranks return
// an empty table with the same schema). Errors: schema mismatch between ranks is Invalid on
// every rank (naming the rank and column); key/aggregate errors as compute::groupby.
Table groupby(comm::Communicator& comm, const Table& table, const std::vector<std::string>& keys,
              const std::vector<compute::AggSpec>& aggs, int threads);

}  // namespace deeprc::dist
