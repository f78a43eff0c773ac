#include "arrow/bitmap.h"

#include <bit>

namespace deeprc::bits {

int64_t count_set(const uint8_t* bits, int64_t offset, int64_t length) {
  int64_t n = 0, i = offset;
  const int64_t end = offset + length;
  for (; i < end && (i & 63) != 0; ++i) n += get(bits, i);
  for (; i + 64 <= end; i += 64) {
    uint64_t w;
    std::memcpy(&w, bits + (i >> 3), 8);
    n += std::popcount(w);
  }
  for (; i < end; ++i) n += get(bits, i);
  return n;
}

void copy(const uint8_t* src, int64_t src_offset, uint8_t* dst, int64_t dst_offset, int64_t length) {
  if ((src_offset & 7) == 0 && (dst_offset & 7) == 0) {
    const int64_t whole = length >> 3;
    std::memcpy(dst + (dst_offset >> 3), src + (src_offset >> 3), static_cast<size_t>(whole));
    for (int64_t i = whole * 8; i < length; ++i) set_to(dst, dst_offset + i, get(src, src_offset + i));
    return;
  }
  for (int64_t i = 0; i < length; ++i) set_to(dst, dst_offset + i, get(src, src_offset + i));
}

}  // namespace deeprc::bits
