// UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace deeprc::io {

// Slow path for text that contains non-ASCII bytes.
bool is_valid_utf8_slow(const unsigned char* s, size_t n) noexcept;

// ASCII is checked eight bytes at a time; most CSV text never leaves this loop.
inline bool is_valid_utf8(const char* text, size_t n) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ull) return is_valid_utf8_slow(s + i, n - i);
  }
  for (; i < n; ++i)
    if (s[i] & 0x80) return is_valid_utf8_slow(s + i, n - i);
  return true;
}

}  // namespace deeprc::io
