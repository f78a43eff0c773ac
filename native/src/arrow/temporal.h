// Calendar conversions for date32 and timestamp values (proleptic Gregorian, UTC).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "arrow/type.h"

namespace deeprc {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
void civil_from_days(int64_t days, int64_t* y, unsigned* m, unsigned* d);
int64_t units_per_second(TimeUnit u);

std::string format_date32(int32_t days);                          // YYYY-MM-DD
std::string format_timestamp(int64_t v, TimeUnit u, bool utc_z);  // ISO 8601, 'Z' suffix if utc_z
// The same text written into a caller's buffer of at least kMaxDate32Chars / kMaxTimestampChars
// bytes (no terminating NUL, no allocation); returns the end of the text.
inline constexpr size_t kMaxDate32Chars = 32;
inline constexpr size_t kMaxTimestampChars = 64;
char* write_date32(char* buf, int32_t days);
char* write_timestamp(char* buf, int64_t v, TimeUnit u, bool utc_z);
// Strict parsers: return nullopt when text is not a valid date / timestamp.
std::optional<int32_t> parse_date32(std::string_view s);
// Accepts "YYYY-MM-DD", "YYYY-MM-DD[T ]hh:mm[:ss[.fffffffff]]" with an optional "Z" or
// "+hh:mm"/"-hh:mm" suffix (converted to UTC).
std::optional<int64_t> parse_timestamp(std::string_view s, TimeUnit u);

}  // namespace deeprc
