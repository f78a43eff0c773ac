// Set operations on whole rows with SQL set semantics: the result is distinct (except union_all)
// and rows compare with null equal to null, NaN equal to NaN and -0.0 equal to 0.0.
//  - union_all:  the rows of A, then the rows of B (no deduplication);
//  - union:      the distinct rows of A, then the rows of B not already seen, each in input order;
//  - intersect:  the distinct rows of A that also occur in B, in A's order;
//  - difference: the distinct rows of A that do not occur in B, in A's order.
// Both tables must have the same column count, names and types (utf8 and large_utf8 count as
// different types: cast one side first); the result has A's schema. Results do not depend on
// the thread count.
#pragma once
#include <cstdint>

#include "arrow/table.h"

namespace deeprc::compute {

// Values match DRC_SET_* in deeprc.h.
enum class SetOp : int32_t { Union = 0, UnionAll = 1, Intersect = 2, Difference = 3 };

// Throws Invalid naming the first column whose name or type differs (or the column counts).
void check_set_op_schemas(const Schema& a, const Schema& b);

Table set_op(const Table& a, const Table& b, SetOp op, int threads);

}  // namespace deeprc::compute
