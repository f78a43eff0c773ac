// Whole-column (scalar) aggregates over all ranks: compute::aggregate semantics on the
// concatenation of the partitions, the same 1-element result on every rank.
//
//  - decomposable functions combine per-rank partial results (allgathered, a few values per rank):
//    sum/min/max/first/last of the partials in rank order, count/count_all as sums, mean from
//    (count, mean), var/std from (count, mean, M2) merged with Chan's formula;
//  - nunique: hash shuffle of the values, local distinct count, allreduce;
//  - median/quantile: distributed sort of the column and the values at the global positions
//    floor/ceil(q*(n-1)) (the column is never gathered on one rank).
#pragma once
#include <string>

#include "arrow/array.h"
#include "arrow/table.h"
#include "comm/communicator.h"
#include "compute/aggregate_spec.h"

namespace deeprc::dist {

// `column` may be empty for count_all only (then rows are counted). Collective. Errors (unknown
// column, function not defined for the type, q outside [0, 1]) are raised on every rank.
Array aggregate(comm::Communicator& comm, const Table& table, const std::string& column, compute::AggFunc func,
                double q, int threads);

}  // namespace deeprc::dist
