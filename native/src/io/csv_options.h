// Options of the CSV reader and writer (the C++ side of drc_csv_read_options /
// drc_csv_write_options in deeprc.h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arrow/type.h"

namespace deeprc::io {

// Null tokens used when the caller does not give any. "NaN" is deliberately NOT among them:
// it is a float value.
inline std::vector<std::string> default_csv_null_values() { return {"", "NA", "N/A", "null", "NULL"}; }

struct CsvReadOptions {
  char delimiter = ',';
  char quote = '"';  // '\0' disables quoting
  bool has_header = true;
  int num_threads = 0;      // 0 = all cores
  int64_t block_size = 0;   // bytes per parallel parse block; 0 = automatic
  std::vector<std::string> null_values = default_csv_null_values();
  int64_t infer_rows = 0;   // rows sampled for type inference; 0 = automatic
  std::optional<Schema> schema;  // explicit column types; names must match the header
};

struct CsvWriteOptions {
  char delimiter = ',';
  bool include_header = true;
  std::string null_value;   // written (unquoted) for nulls
  int num_threads = 0;      // 0 = all cores
  int64_t block_rows = 0;   // rows formatted per parallel task; 0 = automatic
};

}  // namespace deeprc::io
