// Row gathering for operator results: take() over all columns, one column per task.
#pragma once
#include <cstdint>
#include <vector>

#include "arrow/table.h"

namespace deeprc::compute {

// take(table, indices) with the columns gathered in parallel; `schema` replaces the table's
// schema in the result when given (it must have the same types).
Table take_rows(const Table& table, const std::vector<int64_t>& indices, int threads, const Schema* schema = nullptr);

}  // namespace deeprc::compute
