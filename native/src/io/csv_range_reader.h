// Reading part of a CSV file: the pieces the distributed reader needs to let every rank parse
// its own byte range (record boundaries found from quote parity, global line numbers in errors).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "arrow/table.h"
#include "io/csv_options.h"

namespace deeprc::io {

// Where the data starts and what the header says. Column names: the header's (validated like
// read_csv does: duplicates, empty names -> f<i>, UTF-8), the schema's, or f0.. counted from the
// first record. data_begin: offset of the first data record; header_lines: '\n' bytes before it.
struct CsvLayout {
  std::vector<std::string> names;
  int64_t data_begin = 0;
  int64_t header_lines = 0;
};
CsvLayout read_csv_layout(const char* data, int64_t size, const std::string& source, const CsvReadOptions& options);

// Quote characters and '\n' bytes in [begin, end) (quote '\0' = no quoting: 0 quotes).
struct CsvByteCounts {
  int64_t quotes = 0;
  int64_t newlines = 0;
};
CsvByteCounts count_csv_bytes(const char* data, int64_t begin, int64_t end, char quote);

// The first record start p with from <= p <= limit: p follows a '\n' that is outside quotes
// (`quotes_before` = quote characters in [data_begin, from-1)); -1 when there is none.
int64_t next_record_start(const char* data, int64_t from, int64_t limit, int64_t quotes_before, char quote);

// Parses bytes [begin, end) (record boundaries, no header) into a table with the given column
// names; `options.schema` (if set) fixes the types, else they are inferred over the range.
// `lines_before`: '\n' bytes in the file before `begin`, so parse errors name the file's line.
// A record with a different field count than `names` is a Parse error naming its line.
Table read_csv_range(const char* data, int64_t begin, int64_t end, int64_t lines_before,
                     const std::vector<std::string>& names, const std::string& source, const CsvReadOptions& options);

}  // namespace deeprc::io
