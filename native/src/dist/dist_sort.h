// Distributed sample sort: the ranks' partitions reordered so that their concatenation in rank
// order equals compute::sort of the concatenated input (same ordering rules, stable: ties keep the
// global input order).
//
// Algorithm: local stable sort; regular samples of the sorted partition, each tagged with
// (rank, position) so that every sample is distinct and equal keys are split between ranks;
// the samples are allgathered and every rank sorts them identically and picks the same p-1
// splitters; each rank cuts its sorted rows by binary search against the splitters, rows are
// exchanged (source-rank order kept) and the received sorted runs are k-way merged (ties to the
// lower source rank, so the result is stable).
#pragma once
#include <vector>

#include "arrow/table.h"
#include "comm/communicator.h"
#include "compute/sort.h"

namespace deeprc::dist {

// Collective. Invalid (on every rank) for different schemas or no keys; NotFound for an unknown key.
Table sort(comm::Communicator& comm, const Table& table, const std::vector<compute::SortKey>& keys, int threads);

}  // namespace deeprc::dist
