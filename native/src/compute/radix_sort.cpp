#include "compute/radix_sort.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "core/thread_pool.h"

namespace deeprc::compute {
namespace {

// 11-bit digits: 6 passes for a full 64-bit key (8-bit digits need 8); 2048 counters still fit
// in L1/L2 and the scatter targets stay few enough for the write-combining buffers.
constexpr int kBits = 11;
constexpr int kBuckets = 1 << kBits;
constexpr int kPasses = (64 + kBits - 1) / kBits;
constexpr int64_t kSmall = 256;  // below this a comparison sort is faster

inline uint32_t digit(uint64_t key, int shift) { return static_cast<uint32_t>(key >> shift) & (kBuckets - 1); }

void scatter(const KeyIndex* src, KeyIndex* dst, int64_t begin, int64_t end, int shift, int64_t* offsets) {
  for (int64_t i = begin; i < end; ++i) {
    const KeyIndex e = src[i];
    dst[offsets[digit(e.key, shift)]++] = e;
  }
}

KeyIndex* sort_one_thread(KeyIndex* src, KeyIndex* dst, int64_t n) {
  // One read pass computes the histograms of every digit (the multiset of keys never changes).
  std::vector<std::array<int64_t, kBuckets>> hist(kPasses);
  for (auto& h : hist) h.fill(0);
  for (int64_t i = 0; i < n; ++i) {
    const uint64_t k = src[i].key;
    for (int p = 0; p < kPasses; ++p) ++hist[static_cast<size_t>(p)][digit(k, p * kBits)];
  }
  std::array<int64_t, kBuckets> offsets{};
  for (int p = 0; p < kPasses; ++p) {
    const auto& h = hist[static_cast<size_t>(p)];
    if (std::find(h.begin(), h.end(), n) != h.end()) continue;  // constant digit
    int64_t sum = 0;
    for (int b = 0; b < kBuckets; ++b) {
      offsets[static_cast<size_t>(b)] = sum;
      sum += h[static_cast<size_t>(b)];
    }
    scatter(src, dst, 0, n, p * kBits, offsets.data());
    std::swap(src, dst);
  }
  return src;
}

KeyIndex* sort_parallel(KeyIndex* src, KeyIndex* dst, int64_t n, int threads) {
  const int64_t chunk = (n + threads - 1) / threads;
  std::vector<std::array<int64_t, kBuckets>> hist(static_cast<size_t>(threads));
  // Which digits vary is known from OR/AND of all keys: a bit that is equal in every key can
  // never change the order.
  std::vector<uint64_t> ors(static_cast<size_t>(threads), 0), ands(static_cast<size_t>(threads), ~uint64_t{0});
  parallel_for(threads, threads, [&](int64_t t) {
    const int64_t b = t * chunk, e = std::min(n, b + chunk);
    uint64_t o = 0, a = ~uint64_t{0};
    for (int64_t i = b; i < e; ++i) {
      o |= src[i].key;
      a &= src[i].key;
    }
    ors[static_cast<size_t>(t)] = o;
    ands[static_cast<size_t>(t)] = a;
  });
  uint64_t varying = 0, all_and = ~uint64_t{0};
  for (int t = 0; t < threads; ++t) {
    varying |= ors[static_cast<size_t>(t)];
    all_and &= ands[static_cast<size_t>(t)];
  }
  varying &= ~all_and;
  for (int p = 0; p < kPasses; ++p) {
    const int shift = p * kBits;
    if (digit(varying, shift) == 0) continue;
    parallel_for(threads, threads, [&](int64_t t) {
      auto& h = hist[static_cast<size_t>(t)];
      h.fill(0);
      const int64_t b = t * chunk, e = std::min(n, b + chunk);
      for (int64_t i = b; i < e; ++i) ++h[digit(src[i].key, shift)];
    });
    // Chunk t's elements of bucket d go after those of chunks < t: a stable global order.
    int64_t sum = 0;
    for (int d = 0; d < kBuckets; ++d)
      for (int t = 0; t < threads; ++t) {
        auto& c = hist[static_cast<size_t>(t)][static_cast<size_t>(d)];
        const int64_t count = c;
        c = sum;
        sum += count;
      }
    parallel_for(threads, threads, [&](int64_t t) {
      const int64_t b = t * chunk, e = std::min(n, b + chunk);
      scatter(src, dst, b, e, shift, hist[static_cast<size_t>(t)].data());
    });
    std::swap(src, dst);
  }
  return src;
}

}  // namespace

KeyIndex* radix_sort(KeyIndex* items, KeyIndex* tmp, int64_t n, int threads) {
  if (n <= kSmall) {
    std::stable_sort(items, items + n, [](const KeyIndex& a, const KeyIndex& b) { return a.key < b.key; });
    return items;
  }
  threads = static_cast<int>(std::min<int64_t>(resolve_threads(threads), n / 65536 + 1));
  return threads <= 1 ? sort_one_thread(items, tmp, n) : sort_parallel(items, tmp, n, threads);
}

}  // namespace deeprc::compute
