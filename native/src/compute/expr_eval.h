// Vectorised evaluation of bound expressions over a table, one chunk of kExprChunk rows at a
// time, chunks spread over threads with parallel_for. When several chunks fail (overflow, a
// failed cast, integer % 0), the error of the lowest chunk is reported, so the message does not
// depend on the thread count.
#pragma once
#include <cstdint>
#include <functional>

#include "arrow/table.h"
#include "compute/expr_vec.h"

namespace deeprc::compute {

// Rows [begin, begin+len) of `b` evaluated over `table` (len <= kExprChunk).
Vec eval_chunk(const Bound& b, const Table& table, int64_t begin, int64_t len);

// Runs fn(chunk index, begin, len) over the table's row chunks on `threads` threads (0 = all);
// rethrows the error of the lowest failing chunk.
void for_each_chunk(int64_t rows, int threads, const std::function<void(int64_t, int64_t, int64_t)>& fn);

// The expression's value for every row as an array (a scalar is broadcast). A bare `null`
// without a type is an error.
Array evaluate(const Table& table, const Bound& b, int threads);

}  // namespace deeprc::compute
