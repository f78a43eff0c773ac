#include "io/csv_issue.h"

#include <algorithm>
#include <cstdio>

namespace deeprc::io {

std::string quote_for_message(std::string_view value) {
  constexpr size_t kMax = 60;
  std::string out = "\"";
  for (size_t i = 0; i < std::min(value.size(), kMax); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F) {
      // Non-ASCII bytes are escaped too: the value may be invalid UTF-8 and the message must not be.
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  if (value.size() > kMax) out += "...";
  return out;
}

int64_t line_of_offset(const char* data, int64_t offset) {
  return 1 + std::count(data, data + offset, '\n');
}

}  // namespace deeprc::io
