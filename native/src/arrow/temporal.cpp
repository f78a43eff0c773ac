#include "arrow/temporal.h"

#include <cstdio>

namespace deeprc {

// Howard Hinnant's days-from-civil algorithm.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

int64_t units_per_second(TimeUnit u) {
  switch (u) {
    case TimeUnit::Second: return 1;
    case TimeUnit::Milli: return 1000;
    case TimeUnit::Micro: return 1000000;
    case TimeUnit::Nano: return 1000000000;
  }
  return 1;
}

namespace {

// Writes v (0 <= v < 10^width) as exactly `width` decimal digits.
char* put_digits(char* p, int64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

// YYYY-MM-DD; years outside [0, 9999] as printf("%04lld") writes them.
char* put_ymd(char* p, int64_t days) {
  int64_t y;
  unsigned m, d;
  civil_from_days(days, &y, &m, &d);
  if (y >= 0 && y <= 9999) {
    p = put_digits(p, y, 4);
  } else {
    p += std::snprintf(p, 24, "%04lld", static_cast<long long>(y));
  }
  *p++ = '-';
  p = put_digits(p, m, 2);
  *p++ = '-';
  return put_digits(p, d, 2);
}

}  // namespace

char* write_date32(char* buf, int32_t days) { return put_ymd(buf, days); }

char* write_timestamp(char* buf, int64_t v, TimeUnit u, bool utc_z) {
  const int64_t per = units_per_second(u);
  int64_t secs = v / per, frac = v % per;
  if (frac < 0) {
    frac += per;
    secs -= 1;
  }
  int64_t days = secs / 86400, sod = secs % 86400;
  if (sod < 0) {
    sod += 86400;
    days -= 1;
  }
  char* p = put_ymd(buf, days);
  *p++ = 'T';
  p = put_digits(p, sod / 3600, 2);
  *p++ = ':';
  p = put_digits(p, sod / 60 % 60, 2);
  *p++ = ':';
  p = put_digits(p, sod % 60, 2);
  if (frac != 0) {
    *p++ = '.';
    p = put_digits(p, frac, u == TimeUnit::Milli ? 3 : u == TimeUnit::Micro ? 6 : 9);
  }
  if (utc_z) *p++ = 'Z';
  return p;
}

std::string format_date32(int32_t days) {
  char buf[kMaxDate32Chars];
  return std::string(buf, write_date32(buf, days));
}

std::string format_timestamp(int64_t v, TimeUnit u, bool utc_z) {
  char buf[kMaxTimestampChars];
  return std::string(buf, write_timestamp(buf, v, u, utc_z));
}

namespace {
bool digits(std::string_view s, size_t pos, size_t n, int64_t* out) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}
bool valid_ymd(int64_t y, int64_t m, int64_t d) {
  if (m < 1 || m > 12 || d < 1) return false;
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= mdays[m - 1] + (m == 2 && leap ? 1 : 0);
}
}  // namespace

std::optional<int32_t> parse_date32(std::string_view s) {
  int64_t y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, &y) || !digits(s, 5, 2, &m) || !digits(s, 8, 2, &d) || !valid_ymd(y, m, d))
    return std::nullopt;
  return static_cast<int32_t>(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

std::optional<int64_t> parse_timestamp(std::string_view s, TimeUnit u) {
  if (s.size() < 10) return std::nullopt;
  auto date = parse_date32(s.substr(0, 10));
  if (!date) return std::nullopt;
  int64_t hh = 0, mm = 0, ss = 0, frac = 0;
  size_t p = 10;
  const int64_t per = units_per_second(u);
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ')) {
    if (!digits(s, p + 1, 2, &hh) || p + 3 >= s.size() || s[p + 3] != ':' || !digits(s, p + 4, 2, &mm))
      return std::nullopt;
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!digits(s, p + 1, 2, &ss)) return std::nullopt;
      p += 3;
      if (p < s.size() && s[p] == '.') {
        ++p;
        int nd = 0;
        int64_t scale = per;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
          if (nd < 9) {
            scale /= 10;
            frac += (s[p] - '0') * scale;  // digits beyond the unit's precision truncate
          }
          ++nd;
          ++p;
        }
        if (nd == 0) return std::nullopt;
      }
    }
    if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  }
  int64_t tz_offset_s = 0;
  if (p < s.size()) {
    if (s[p] == 'Z' && p + 1 == s.size()) {
      p += 1;
    } else if ((s[p] == '+' || s[p] == '-') && p + 6 == s.size() && s[p + 3] == ':') {
      int64_t oh, om;
      if (!digits(s, p + 1, 2, &oh) || !digits(s, p + 4, 2, &om)) return std::nullopt;
      tz_offset_s = (oh * 3600 + om * 60) * (s[p] == '+' ? 1 : -1);
      p += 6;
    } else {
      return std::nullopt;
    }
  }
  const int64_t secs = static_cast<int64_t>(*date) * 86400 + hh * 3600 + mm * 60 + ss - tz_offset_s;
  return secs * per + frac;
}

}  // namespace deeprc
