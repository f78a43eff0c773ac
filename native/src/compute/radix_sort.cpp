#include "compute/radix_sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <vector>

#include "core/thread_pool.h"

namespace deeprc::compute {
namespace {

// Strategy: one MSD pass on the 11 highest *varying* bits scatters the items into up to 2048
// buckets (a stable, memory-bound pass, split over threads by contiguous chunks); each bucket is
// then finished independently by an LSD radix sort on the remaining varying bits with 8-bit
// digits. Buckets are small enough (for n up to ~10^8 and spread keys) to stay in cache, so the
// LSD passes run at cache speed, and buckets are natural units of parallel work. Every step is
// stable, so the result is the unique stable order whatever the thread count.
constexpr int kMsdBits = 11;
constexpr int kMsdBuckets = 1 << kMsdBits;
constexpr int kLsdBits = 8;
constexpr int kLsdBuckets = 1 << kLsdBits;
constexpr int kMaxLsdPasses = 64 / kLsdBits;

void stable_by_key(KeyIndex* items, int64_t n) {
  std::stable_sort(items, items + n, [](const KeyIndex& a, const KeyIndex& b) { return a.key < b.key; });
}

// LSD radix sort of items[0, n) over the bits in `varying`; returns the buffer holding the result.
KeyIndex* lsd_sort(KeyIndex* src, KeyIndex* dst, int64_t n, uint64_t varying) {
  if (n <= kRadixMinItems) {
    stable_by_key(src, n);
    return src;
  }
  int shifts[kMaxLsdPasses];
  int passes = 0;
  for (int p = 0; p < kMaxLsdPasses; ++p)
    if ((varying >> (p * kLsdBits)) & (kLsdBuckets - 1)) shifts[passes++] = p * kLsdBits;
  // One read computes the histograms of every pass (the multiset of keys never changes).
  std::array<std::array<int64_t, kLsdBuckets>, kMaxLsdPasses> hist;
  for (int p = 0; p < passes; ++p) hist[static_cast<size_t>(p)].fill(0);
  for (int64_t i = 0; i < n; ++i) {
    const uint64_t k = src[i].key;
    for (int p = 0; p < passes; ++p) ++hist[static_cast<size_t>(p)][(k >> shifts[p]) & (kLsdBuckets - 1)];
  }
  for (int p = 0; p < passes; ++p) {
    auto& h = hist[static_cast<size_t>(p)];
    if (std::find(h.begin(), h.end(), n) != h.end()) continue;  // constant digit in this range
    int64_t sum = 0;
    for (auto& c : h) {
      const int64_t count = c;
      c = sum;
      sum += count;
    }
    const int shift = shifts[p];
    for (int64_t i = 0; i < n; ++i) {
      const KeyIndex e = src[i];
      dst[h[(e.key >> shift) & (kLsdBuckets - 1)]++] = e;
    }
    std::swap(src, dst);
  }
  return src;
}

}  // namespace

KeyIndex* radix_sort(KeyIndex* items, KeyIndex* tmp, int64_t n, int threads) {
  if (n <= kRadixMinItems) {
    stable_by_key(items, n);
    return items;
  }
  const int t = static_cast<int>(std::min<int64_t>(resolve_threads(threads), n / 65536 + 1));
  const int64_t chunk = (n + t - 1) / t;
  auto chunk_range = [&](int64_t c) { return std::pair{c * chunk, std::min(n, (c + 1) * chunk)}; };

  // Bits that are equal in every key never affect the order: find the varying ones.
  std::vector<uint64_t> ors(static_cast<size_t>(t), 0), ands(static_cast<size_t>(t), ~uint64_t{0});
  parallel_for(t, t, [&](int64_t c) {
    const auto [b, e] = chunk_range(c);
    uint64_t o = 0, a = ~uint64_t{0};
    for (int64_t i = b; i < e; ++i) {
      o |= items[i].key;
      a &= items[i].key;
    }
    ors[static_cast<size_t>(c)] = o;
    ands[static_cast<size_t>(c)] = a;
  });
  uint64_t any = 0, all = ~uint64_t{0};
  for (int c = 0; c < t; ++c) {
    any |= ors[static_cast<size_t>(c)];
    all &= ands[static_cast<size_t>(c)];
  }
  const uint64_t varying = any & ~all;
  if (varying == 0) return items;  // all keys equal: already in stable order

  // MSD pass on the top kMsdBits varying bit positions.
  const int top = 63 - std::countl_zero(varying);
  const int shift = std::max(0, top + 1 - kMsdBits);
  auto bucket_of = [shift](uint64_t k) { return static_cast<size_t>((k >> shift) & (kMsdBuckets - 1)); };
  std::vector<std::array<int64_t, kMsdBuckets>> hist(static_cast<size_t>(t));
  parallel_for(t, t, [&](int64_t c) {
    auto& h = hist[static_cast<size_t>(c)];
    h.fill(0);
    const auto [b, e] = chunk_range(c);
    for (int64_t i = b; i < e; ++i) ++h[bucket_of(items[i].key)];
  });
  // Chunk c's items of bucket d go after those of chunks < c: a stable global order.
  std::vector<int64_t> bucket_start(kMsdBuckets + 1);
  int64_t sum = 0;
  for (size_t d = 0; d < kMsdBuckets; ++d) {
    bucket_start[d] = sum;
    for (int c = 0; c < t; ++c) {
      auto& count = hist[static_cast<size_t>(c)][d];
      const int64_t k = count;
      count = sum;
      sum += k;
    }
  }
  bucket_start[kMsdBuckets] = sum;
  parallel_for(t, t, [&](int64_t c) {
    int64_t* offsets = hist[static_cast<size_t>(c)].data();
    const auto [b, e] = chunk_range(c);
    for (int64_t i = b; i < e; ++i) {
      const KeyIndex item = items[i];
      tmp[offsets[bucket_of(item.key)]++] = item;
    }
  });

  const uint64_t rest = varying & ((uint64_t{1} << shift) - 1);
  if (rest == 0) return tmp;
  // Finish every bucket in place in tmp (items is the scratch of the same range).
  parallel_for(kMsdBuckets, t, [&](int64_t d) {
    const int64_t b = bucket_start[static_cast<size_t>(d)], len = bucket_start[static_cast<size_t>(d) + 1] - b;
    if (len <= 1) return;
    KeyIndex* out = lsd_sort(tmp + b, items + b, len, rest);
    if (out != tmp + b) std::memcpy(tmp + b, out, static_cast<size_t>(len) * sizeof(KeyIndex));
  });
  return tmp;
}

}  // namespace deeprc::compute
