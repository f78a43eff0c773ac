// Tables: a schema plus one contiguous Array per column, all of the same length.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "arrow/array.h"
#include "arrow/type.h"

namespace deeprc {

class Table {
 public:
  Table() = default;
  // Validates column count, types (against the schema) and equal lengths; throws Invalid.
  Table(Schema schema, std::vector<Array> columns);
  // A table with columns but possibly zero columns: num_rows must be given explicitly.
  Table(Schema schema, std::vector<Array> columns, int64_t num_rows);

  const Schema& schema() const noexcept { return schema_; }
  int num_columns() const noexcept { return static_cast<int>(columns_.size()); }
  int64_t num_rows() const noexcept { return num_rows_; }
  const Array& column(int i) const { return columns_.at(static_cast<size_t>(i)); }
  const Array& column(const std::string& name) const { return columns_.at(static_cast<size_t>(schema_.require_index(name))); }
  const std::vector<Array>& columns() const noexcept { return columns_; }

  Table slice(int64_t offset, int64_t length) const;   // zero-copy
  Table select(const std::vector<int>& indices) const;  // zero-copy projection
  bool equals(const Table& other) const;                // schema and values
  // Pretty-printed box table with at most max_rows rows (head and tail when truncated).
  std::string to_string(int64_t max_rows = 20) const;

 private:
  Schema schema_;
  std::vector<Array> columns_;
  int64_t num_rows_ = 0;
};

using TablePtr = std::shared_ptr<const Table>;

}  // namespace deeprc
