// Distributed unique / drop_duplicates on a column subset (semantics of compute/unique.h).
#pragma once
#include <string>
#include <vector>

#include "arrow/table.h"
#include "comm/communicator.h"
#include "compute/unique.h"

namespace deeprc::dist {

// Collective. Rows are stably hash-shuffled on `subset` (empty = all columns), so every group of
// duplicates lands on one rank in GLOBAL order (source rank, then row); the local unique then
// keeps the globally first / last row of every group, or only globally unduplicated keys (None).
// Over all ranks the union of the results equals, as a multiset, compute::unique of the
// rank-ordered concatenation. Schema mismatch between ranks: Invalid on every rank.
Table unique(comm::Communicator& comm, const Table& table, const std::vector<std::string>& subset,
             compute::Keep keep, int threads);

}  // namespace deeprc::dist
