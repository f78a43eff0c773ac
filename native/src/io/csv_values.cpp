#include "io/csv_values.h"

#include <limits>

namespace deeprc::io {

std::string_view trim_blanks(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

namespace {
bool iequals(std::string_view a, const char* b) noexcept {
  const size_t n = std::strlen(b);
  if (a.size() != n) return false;
  for (size_t i = 0; i < n; ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}
}  // namespace

ParseStatus parse_bool(std::string_view s, bool allow_digits, bool& out) noexcept {
  s = trim_blanks(s);
  if (iequals(s, "true") || (allow_digits && s == "1")) {
    out = true;
    return ParseStatus::Ok;
  }
  if (iequals(s, "false") || (allow_digits && s == "0")) {
    out = false;
    return ParseStatus::Ok;
  }
  return ParseStatus::Invalid;
}

ParseStatus parse_date(std::string_view s, int32_t& out) noexcept {
  auto v = parse_date32(s);
  if (!v) v = parse_date32(trim_blanks(s));
  if (!v) return ParseStatus::Invalid;
  out = *v;
  return ParseStatus::Ok;
}

ParseStatus parse_timestamp_value(std::string_view s, TimeUnit unit, int64_t& out) noexcept {
  s = trim_blanks(s);
  // parse_timestamp multiplies seconds by the unit; check the seconds first so that the
  // multiplication cannot overflow (years beyond ~2262 do not fit in nanoseconds).
  const auto secs = parse_timestamp(s, TimeUnit::Second);
  if (!secs) return ParseStatus::Invalid;
  const int64_t per = units_per_second(unit);
  const int64_t limit = std::numeric_limits<int64_t>::max() / per - 1;
  if (*secs > limit || *secs < -limit) return ParseStatus::OutOfRange;
  out = *parse_timestamp(s, unit);
  return ParseStatus::Ok;
}

bool timestamp_has_zone(std::string_view s) noexcept {
  s = trim_blanks(s);
  if (s.empty()) return false;
  if (s.back() == 'Z') return true;
  return s.size() > 16 && (s[s.size() - 6] == '+' || s[s.size() - 6] == '-') && s[s.size() - 3] == ':';
}

int timestamp_fraction_digits(std::string_view s) noexcept {
  const size_t dot = s.find('.');
  if (dot == std::string_view::npos) return 0;
  int n = 0;
  for (size_t i = dot + 1; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++n;
  return n;
}

NullMatcher::NullMatcher(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {
  for (const auto& t : tokens_) {
    if (t.empty()) {
      empty_is_null_ = true;
      continue;
    }
    max_length_ = std::max(max_length_, t.size());
    first_byte_[static_cast<unsigned char>(t[0])] = true;
  }
}

}  // namespace deeprc::io
