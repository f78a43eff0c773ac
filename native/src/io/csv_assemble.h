// Concatenating per-block column chunks into one Arrow array, copying blocks in parallel.
#pragma once
#include <vector>

#include "arrow/array.h"
#include "io/csv_convert.h"

namespace deeprc::io {

// `chunks` in file order. A utf8 column whose text exceeds 2 GiB becomes large_utf8 when
// `may_widen_strings` (inferred columns); otherwise that is an Invalid error naming the column.
Array assemble_column(const DataType& type, const std::vector<const ColumnChunk*>& chunks, int threads,
                      bool may_widen_strings, const std::string& column_name);

}  // namespace deeprc::io
