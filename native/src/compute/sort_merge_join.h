// Sort-merge join of inputs that are already sorted by their key columns.
#pragma once
#include "compute/join_indices.h"
#include "compute/join_options.h"
#include "compute/row_keys.h"

namespace deeprc::compute {

// Keys must already be unified. Both inputs must be sorted ascending by the key columns
// (lexicographically, first key first), ignoring rows with a null key, which may appear
// anywhere; an unsorted input is an Invalid error naming the side, the key columns and the first
// out-of-order row (this algorithm does not sort: sorting is a separate operator and the hash join
// is the choice for unsorted data). Key order: numbers by value with -0.0 == 0.0 and NaN after
// +inf (all NaNs equal); strings by bytes (unsigned); false < true.
// Output order: merge order (ascending key; for equal keys left rows in order, each followed by
// its matches in right-row order; unmatched rows where they fall in key order), then left rows
// with a null key (left/full/anti), then right rows with a null key (right/full). Single-threaded.
JoinIndices sort_merge_join(const KeyColumns& left, const KeyColumns& right, JoinType type);

}  // namespace deeprc::compute
