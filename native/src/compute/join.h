// Relational join of two tables (inner, left, right, full outer, semi, anti) on one or more key
// columns, with SQL null semantics: a null key never matches (outer joins keep such rows with
// nulls on the other side; anti joins keep them). Float keys: -0.0 matches 0.0 and NaN matches
// NaN (as in row_keys.h). utf8 and large_utf8 keys with equal bytes match.
//
// Output columns: see plan_output (join_output.h). Output row order: see hash_join.h and
// sort_merge_join.h; callers must not rely on it beyond what those document.
#pragma once
#include "arrow/table.h"
#include "compute/join_options.h"

namespace deeprc::compute {

// Errors (deeprc::Error): NotFound for an unknown key column (naming it and the side);
// Invalid for key count mismatch, no keys, key types that differ (naming both columns; numeric
// keys can be cast with allow_cast), colliding output names, unsorted input to the sort-merge join.
Table join(const Table& left, const Table& right, const JoinOptions& options);

}  // namespace deeprc::compute
