// Bit-packed bitmaps (validity and bool values), LSB numbering as in the Arrow format.
#pragma once
#include <cstdint>
#include <cstring>

namespace deeprc::bits {

inline bool get(const uint8_t* bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }
inline void set(uint8_t* bits, int64_t i) { bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7)); }
inline void clear(uint8_t* bits, int64_t i) { bits[i >> 3] &= static_cast<uint8_t>(~(1u << (i & 7))); }
inline void set_to(uint8_t* bits, int64_t i, bool v) { v ? set(bits, i) : clear(bits, i); }
inline int64_t bytes_for(int64_t nbits) { return (nbits + 7) / 8; }

// Number of set bits in [offset, offset+length).
int64_t count_set(const uint8_t* bits, int64_t offset, int64_t length);
// Copies `length` bits from src starting at src_offset to dst starting at dst_offset.
void copy(const uint8_t* src, int64_t src_offset, uint8_t* dst, int64_t dst_offset, int64_t length);

}  // namespace deeprc::bits
