// Reading part of a CSV file (see csv_range_reader.h).
#include "io/csv_range_reader.h"

#include <algorithm>
#include <cstring>

#include "core/error.h"
#include "io/csv_issue.h"
#include "io/csv_reader.h"
#include "io/csv_tokenizer.h"

namespace deeprc::io {
namespace {

CsvDialect dialect_of(const CsvReadOptions& o) {
  CsvDialect d;
  d.delimiter = o.delimiter;
  d.quote = o.quote;
  d.quoting = o.quote != '\0';
  return d;
}

// "CSV file '<source>', line <n>..." with n shifted by `lines_before`.
std::string shift_line(const std::string& msg, const std::string& source, int64_t lines_before) {
  const std::string prefix = "CSV file '" + source + "', line ";
  if (msg.compare(0, prefix.size(), prefix) != 0) return msg;
  size_t i = prefix.size();
  int64_t line = 0;
  while (i < msg.size() && msg[i] >= '0' && msg[i] <= '9') line = line * 10 + (msg[i++] - '0');
  return prefix + std::to_string(line + lines_before) + msg.substr(i);
}

}  // namespace

CsvLayout read_csv_layout(const char* data, int64_t size, const std::string& source, const CsvReadOptions& opt) {
  CsvLayout out;
  int64_t pos = size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  const int64_t bom_end = pos;
  while (const int blank = blank_line_length(data + pos, data + size)) pos += blank;
  if (!opt.has_header) {
    out.data_begin = bom_end;
    if (opt.schema) {
      for (const auto& f : opt.schema->fields()) out.names.push_back(f.name);
    } else {
      if (pos >= size) throw_parse("CSV file '" + source + "' is empty: no columns");
      std::vector<std::string> fields;
      CsvIssue issue;
      if (parse_record_strings(data, pos, size, dialect_of(opt), fields, issue) < 0)
        throw_parse("CSV file '" + source + "', line " + std::to_string(line_of_offset(data, issue.offset)) + ": " +
                    issue.message);
      for (size_t i = 0; i < fields.size(); ++i) out.names.push_back("f" + std::to_string(i));
    }
    return out;
  }
  if (pos >= size) throw_parse("CSV file '" + source + "' is empty: no header line");
  std::vector<std::string> fields;
  CsvIssue issue;
  const int64_t next = parse_record_strings(data, pos, size, dialect_of(opt), fields, issue);
  if (next < 0)
    throw_parse("CSV file '" + source + "', line " + std::to_string(line_of_offset(data, issue.offset)) + ": " +
                issue.message);
  // The header alone through the local reader: the same validation and naming as read_csv.
  CsvReadOptions header_only = opt;
  header_only.num_threads = 1;
  const Table names = read_csv_bytes(data, next, source, header_only);
  for (const auto& f : names.schema().fields()) out.names.push_back(f.name);
  out.data_begin = next;
  out.header_lines = line_of_offset(data, next) - 1;
  return out;
}

CsvByteCounts count_csv_bytes(const char* data, int64_t begin, int64_t end, char quote) {
  CsvByteCounts c;
  const char* b = data + begin;
  const char* e = data + std::max(begin, end);
  c.newlines = std::count(b, e, '\n');
  if (quote != '\0') c.quotes = std::count(b, e, quote);
  return c;
}

int64_t next_record_start(const char* data, int64_t from, int64_t limit, int64_t quotes_before, char quote) {
  // Parity walks from `from - 1`; a '\n' at i with an even number of quotes before it ends a record.
  int64_t q = quotes_before;
  for (int64_t i = from - 1; i < limit; ++i) {
    const char ch = data[i];
    if (ch == '\n' && (q & 1) == 0) return i + 1;
    if (quote != '\0' && ch == quote) ++q;
  }
  return -1;
}

Table read_csv_range(const char* data, int64_t begin, int64_t end, int64_t lines_before,
                     const std::vector<std::string>& names, const std::string& source, const CsvReadOptions& options) {
  CsvReadOptions o = options;
  o.has_header = false;
  if (o.schema) {
    std::vector<Field> fields = o.schema->fields();
    for (size_t i = 0; i < fields.size() && i < names.size(); ++i) fields[i].name = names[i];
    o.schema = Schema(std::move(fields));
  }
  Table t;
  try {
    t = read_csv_bytes(data + begin, end - begin, source, o);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::Parse) throw;
    throw Error(ErrorCode::Parse, shift_line(e.what(), source, lines_before));
  }
  if (t.num_columns() != static_cast<int>(names.size()))
    throw_parse("CSV file '" + source + "', line " + std::to_string(lines_before + 1) + ": expected " +
                std::to_string(names.size()) + " fields (as in the header), got " + std::to_string(t.num_columns()));
  std::vector<Field> fields = t.schema().fields();
  for (size_t i = 0; i < fields.size(); ++i) fields[i].name = names[i];
  return Table(Schema(std::move(fields)), t.columns(), t.num_rows());
}

}  // namespace deeprc::io
