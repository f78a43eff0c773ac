// Parsing one CSV field as a typed value. Shared by type inference and column conversion so that
// inference never picks a type the converter then rejects.
#pragma once
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

#include "arrow/temporal.h"
#include "arrow/type.h"

namespace deeprc::io {

enum class ParseStatus { Ok, Invalid, OutOfRange };

// Leading and trailing spaces/tabs are tolerated around non-string values ("1, 2").
std::string_view trim_blanks(std::string_view s) noexcept;

namespace detail {
template <typename T>
ParseStatus from_chars_exact(std::string_view s, T& out) noexcept {
  if (!s.empty() && s.front() == '+' && (s.size() < 2 || (s[1] != '-' && s[1] != '+'))) s.remove_prefix(1);
  if constexpr (std::is_unsigned_v<T>) {
    // std::from_chars rejects a minus sign for unsigned types; "-5" is a number, just out of range.
    if (s.size() > 1 && s.front() == '-' && s[1] != '-' && s[1] != '+') {
      T magnitude{};
      const ParseStatus st = from_chars_exact(s.substr(1), magnitude);
      if (st != ParseStatus::Ok) return st;
      out = 0;
      return magnitude == 0 ? ParseStatus::Ok : ParseStatus::OutOfRange;
    }
  }
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  if (r.ec == std::errc::result_out_of_range) return ParseStatus::OutOfRange;
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || s.empty()) return ParseStatus::Invalid;
  return ParseStatus::Ok;
}
}  // namespace detail

// Integers (decimal, optional sign) and floats (decimal or scientific, "nan", "inf", "-inf",
// "infinity", any case). The fast path is a single std::from_chars.
template <typename T>
inline ParseStatus parse_number(std::string_view s, T& out) noexcept {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  if (r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty()) return ParseStatus::Ok;
  return detail::from_chars_exact(trim_blanks(s), out);
}

// "true"/"false" in any case; `allow_digits` also accepts "1"/"0" (explicit bool columns).
ParseStatus parse_bool(std::string_view s, bool allow_digits, bool& out) noexcept;
ParseStatus parse_date(std::string_view s, int32_t& out) noexcept;
// Range-checked: a date far from 1970 in nanoseconds is OutOfRange, never an overflow.
ParseStatus parse_timestamp_value(std::string_view s, TimeUnit unit, int64_t& out) noexcept;
// True when a parseable timestamp carries a zone ("Z" or "+hh:mm"/"-hh:mm").
bool timestamp_has_zone(std::string_view s) noexcept;
// Number of fractional-second digits of a timestamp (0 when none).
int timestamp_fraction_digits(std::string_view s) noexcept;

// Recognises null tokens with a cheap first-byte filter, so numeric fields rarely pay for more
// than one table lookup.
class NullMatcher {
 public:
  explicit NullMatcher(std::vector<std::string> tokens);
  bool is_null(const char* s, size_t n) const noexcept {
    if (n == 0) return empty_is_null_;
    if (n > max_length_ || !first_byte_[static_cast<unsigned char>(s[0])]) return false;
    for (const auto& t : tokens_)
      if (t.size() == n && std::memcmp(t.data(), s, n) == 0) return true;
    return false;
  }

 private:
  std::vector<std::string> tokens_;
  bool empty_is_null_ = false;
  size_t max_length_ = 0;
  bool first_byte_[256] = {};
};

}  // namespace deeprc::io
