// A problem found while parsing CSV data. Parallel blocks record issues instead of throwing so
// that the reader can report the EARLIEST one in the file, whatever the thread count; the byte
// offset orders them and is turned into a 1-based line number only when the error is reported.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace deeprc::io {

struct CsvIssue {
  int64_t offset = -1;  // byte offset in the file; -1 = no issue
  int column = -1;      // column index, -1 when the issue is not about one column
  std::string message;

  bool present() const noexcept { return offset >= 0; }
  // True when this issue comes before `o` in the file (absent issues come last).
  bool before(const CsvIssue& o) const noexcept {
    if (!present()) return false;
    if (!o.present()) return true;
    return offset != o.offset ? offset < o.offset : column < o.column;
  }
  void keep_earliest(CsvIssue&& o) {
    if (o.before(*this)) *this = std::move(o);
  }
};

// A field value quoted for an error message: escaped, and cut after 60 bytes.
std::string quote_for_message(std::string_view value);

// 1-based line number of byte `offset` in `data` (counts '\n' before it).
int64_t line_of_offset(const char* data, int64_t offset);

}  // namespace deeprc::io
