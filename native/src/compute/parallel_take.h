// Multi-threaded gather of table rows by (valid, non-negative) indices: the materialising step
// of sort. Fixed-width columns are split into row chunks; bool and string columns are gathered
// whole, one column per task. Results equal arrow take() exactly.
#pragma once
#include <cstdint>

#include "arrow/table.h"

namespace deeprc::compute {

// indices must all be in [0, table.num_rows()) (not checked: callers produce them).
Table parallel_take(const Table& table, const int64_t* indices, int64_t n, int threads);

}  // namespace deeprc::compute
