// Row selection kernels shared by every operator: take by index, filter by mask, concat.
#pragma once
#include <cstdint>
#include <vector>

#include "arrow/array.h"
#include "arrow/table.h"

namespace deeprc {

// Gathers rows by index; indices must be in [0, length) (throws Invalid naming the index).
// A negative index produces a null row (used by outer joins).
Array take(const Array& values, const int64_t* indices, int64_t n);
Table take(const Table& table, const int64_t* indices, int64_t n);

// Keeps rows whose mask value is true; a null mask value drops the row (SQL semantics).
Array filter(const Array& values, const Array& mask);
Table filter(const Table& table, const Array& mask);

// Concatenates arrays of the same type / tables of equal schemas (throws Invalid otherwise).
Array concat(const std::vector<Array>& arrays);
Table concat(const std::vector<Table>& tables);

}  // namespace deeprc
