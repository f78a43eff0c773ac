// Converting tokenized CSV fields into typed column chunks (one chunk per column per block).
// Chunks are concatenated into the final arrays by assemble_column() (csv_assemble.h).
#pragma once
#include <cstdint>
#include <vector>

#include "arrow/buffer.h"
#include "arrow/type.h"
#include "io/csv_issue.h"
#include "io/csv_tokenizer.h"
#include "io/csv_values.h"

namespace deeprc::io {

// The values of one column from one block.
struct ColumnChunk {
  // Fixed-width values; bools one byte per value; strings the int64 END offset of each value
  // in `bytes` (the start is the previous end, or 0).
  BufferBuilder values;
  BufferBuilder bytes;              // string data
  std::vector<int64_t> null_rows;   // chunk-local row indices of nulls (nulls are usually rare)
  int64_t length = 0;

  void reset() { *this = ColumnChunk(); }
};

// Parses fields as one column type. Null tokens are nulls for every type, except that a quoted
// field in a string column is always a value (so "" is an empty string and "NA" the text NA,
// while an unquoted empty field is null).
class ColumnConverter {
 public:
  // A null in a column that is not `nullable` is reported as an issue.
  ColumnConverter(DataType type, bool nullable, const NullMatcher& nulls, char quote)
      : type_(std::move(type)), nullable_(nullable), nulls_(&nulls), quote_(quote) {}
  const DataType& type() const noexcept { return type_; }

  // Appends column c of the batch to the chunk. Returns -1, or the index of the first row whose
  // value does not parse; then `issue` describes it and the chunk holds the rows before it.
  int64_t convert(const char* base, const RowBatch& batch, int c, ColumnChunk& chunk, CsvIssue& issue) const;

 private:
  DataType type_;
  bool nullable_;
  const NullMatcher* nulls_;
  char quote_;
};

}  // namespace deeprc::io
