// Partitioned hash join producing row-index pairs (compute/join.cpp materialises them).
#pragma once
#include "compute/join_indices.h"
#include "compute/join_options.h"
#include "compute/row_keys.h"

namespace deeprc::compute {

// Keys must already be unified (unify_key_types). The smaller input is the build side (the right
// one on a tie); the other is probed in parallel chunks. Output order (deterministic for any
// thread count): probe rows in order, each followed by its matches in build-row order; then, for
// outer joins, the unmatched build rows in order. Semi/anti joins yield left rows in left order.
// A single fixed-width key (integers, floats, date32, timestamp) is compared by value without the
// generic row hash; other keys use hash_rows + RowEquality. Null keys never match.
// The build side is limited to 2^32 - 2 rows (Unsupported otherwise).
JoinIndices hash_join(const KeyColumns& left, const KeyColumns& right, JoinType type, int threads);

}  // namespace deeprc::compute
