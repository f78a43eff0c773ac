// The hash-partitioned grouping engine behind unique / drop_duplicates and the set operations.
//
// Rows [0, n) form one virtual sequence: the rows of input A followed (from `split` on) by the
// rows of input B (split == n when there is no B). Rows with equal keys form a group; a rule
// decides which row, if any, each group keeps. The result is the ascending list of kept rows, so
// it does not depend on the thread count or the partitioning.
//
// How (each step is data-parallel and deterministic):
//  1. partition: rows are scattered, by the top bits of their hash, into P partitions, keeping
//     input order inside each partition (chunk histograms + prefix sums give stable positions).
//     P depends only on n (about 32K rows per partition, at most 256) so that one partition's
//     hash table stays in the L2 cache whatever the thread count;
//  2. group: each partition (one task) runs an open-addressing table over its rows in input
//     order; partitions own disjoint keys, so no synchronisation is needed;
//  3. compact: kept rows are marked in a byte mask and collected in input order.
//
// A Source supplies the keys:
//   uint64_t key(int64_t i) const              64-bit key of row i: exact value bits, or a hash
//   static uint64_t hash(uint64_t key)         the hash used for partitioning and probing
//   bool equal(int64_t i, int64_t j, uint64_t key) const
//                                              whether rows i and j with equal `key` are equal
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/error.h"
#include "core/thread_pool.h"

namespace deeprc::compute::detail {

enum class KeepRule : int32_t {
  First,          // the first row of every group (unique keep=first, union)
  Last,           // the last row of every group (unique keep=last)
  Single,         // the row of groups with exactly one row (unique keep=none)
  FirstIfInB,     // the first row of groups that have rows in A and in B (intersect)
  FirstIfNotInB,  // the first row of groups that have rows in A only (difference)
};

inline constexpr int64_t kDedupChunk = int64_t{1} << 16;

inline int partition_bits(int64_t n) {
  int b = 0;
  while (b < 8 && (n >> (b + 15)) > 0) ++b;
  return b;
}

template <class Source, typename Row>
class DedupRun {
 public:
  DedupRun(const Source& src, int64_t n, int64_t split, KeepRule rule, int threads)
      : src_(src), n_(n), split_(split), rule_(rule), threads_(threads), bits_(partition_bits(n)),
        parts_(int64_t{1} << bits_), chunks_((n + kDedupChunk - 1) / kDedupChunk) {}

  std::vector<int64_t> run() {
    partition();
    keep_ = std::make_unique_for_overwrite<uint8_t[]>(static_cast<size_t>(n_));
    parallel_for(chunks_, threads_, [&](int64_t c) {
      const int64_t b = c * kDedupChunk, e = std::min(n_, b + kDedupChunk);
      std::fill(keep_.get() + b, keep_.get() + e, uint8_t{0});
    });
    parallel_for(parts_, threads_, [&](int64_t p) { group(p); });
    keys_.reset();
    rows_.reset();
    return compact();
  }

 private:
  int64_t part_of(uint64_t h) const { return bits_ == 0 ? 0 : static_cast<int64_t>(h >> (64 - bits_)); }

  void partition() {
    // offsets_[c * parts_ + p]: where chunk c's rows of partition p start in the scattered arrays.
    offsets_.assign(static_cast<size_t>(chunks_ * parts_), 0);
    parallel_for(chunks_, threads_, [&](int64_t c) {
      int64_t* hist = offsets_.data() + c * parts_;
      const int64_t b = c * kDedupChunk, e = std::min(n_, b + kDedupChunk);
      for (int64_t i = b; i < e; ++i) ++hist[part_of(Source::hash(src_.key(i)))];
    });
    part_begin_.assign(static_cast<size_t>(parts_ + 1), 0);
    int64_t pos = 0;
    for (int64_t p = 0; p < parts_; ++p) {
      part_begin_[static_cast<size_t>(p)] = pos;
      for (int64_t c = 0; c < chunks_; ++c) {
        int64_t& slot = offsets_[static_cast<size_t>(c * parts_ + p)];
        const int64_t count = slot;
        slot = pos;
        pos += count;
      }
    }
    part_begin_[static_cast<size_t>(parts_)] = pos;
    keys_ = std::make_unique_for_overwrite<uint64_t[]>(static_cast<size_t>(n_));
    rows_ = std::make_unique_for_overwrite<Row[]>(static_cast<size_t>(n_));
    parallel_for(chunks_, threads_, [&](int64_t c) {
      int64_t* next = offsets_.data() + c * parts_;
      const int64_t b = c * kDedupChunk, e = std::min(n_, b + kDedupChunk);
      for (int64_t i = b; i < e; ++i) {
        const uint64_t k = src_.key(i);
        const int64_t at = next[part_of(Source::hash(k))]++;
        keys_[static_cast<size_t>(at)] = k;
        rows_[static_cast<size_t>(at)] = static_cast<Row>(i);
      }
    });
  }

  // One partition: rows arrive in input order, so a group's first row is the one inserting it.
  void group(int64_t p) {
    const int64_t begin = part_begin_[static_cast<size_t>(p)], end = part_begin_[static_cast<size_t>(p + 1)];
    const int64_t m = end - begin;
    if (m == 0) return;
    DRC_CHECK(m < int64_t{UINT32_MAX}, "dedup: partition too large");
    uint64_t cap = 16;
    while (cap < static_cast<uint64_t>(2 * m)) cap <<= 1;
    const uint64_t mask = cap - 1;
    struct Slot {
      uint64_t key;
      uint32_t group;  // kEmpty when free
    };
    constexpr uint32_t kEmpty = UINT32_MAX;
    std::vector<Slot> table(cap, Slot{0, kEmpty});
    std::vector<Row> first, last;
    std::vector<uint8_t> flags;  // bit 0: more than one row; bit 1: has a row of B
    first.reserve(static_cast<size_t>(std::min<int64_t>(m, 1 << 16)));
    const bool track_last = rule_ == KeepRule::Last;
    const uint64_t* keys = keys_.get() + begin;
    const Row* rows = rows_.get() + begin;
    for (int64_t j = 0; j < m; ++j) {
      const uint64_t k = keys[j];
      const Row r = rows[j];
      uint64_t s = Source::hash(k) & mask;
      for (;;) {
        Slot& slot = table[s];
        if (slot.group == kEmpty) {
          slot.key = k;
          slot.group = static_cast<uint32_t>(first.size());
          first.push_back(r);
          if (track_last) last.push_back(r);
          flags.push_back(static_cast<int64_t>(r) >= split_ ? uint8_t{2} : uint8_t{0});
          break;
        }
        if (slot.key == k && src_.equal(static_cast<int64_t>(first[slot.group]), static_cast<int64_t>(r), k)) {
          if (track_last) last[slot.group] = r;
          flags[slot.group] |= static_cast<int64_t>(r) >= split_ ? uint8_t{3} : uint8_t{1};
          break;
        }
        s = (s + 1) & mask;
      }
    }
    uint8_t* keep = keep_.get();
    const size_t groups = first.size();
    for (size_t g = 0; g < groups; ++g) {
      const bool first_in_a = static_cast<int64_t>(first[g]) < split_;
      switch (rule_) {
        case KeepRule::First: keep[first[g]] = 1; break;
        case KeepRule::Last: keep[last[g]] = 1; break;
        case KeepRule::Single: if (!(flags[g] & 1)) keep[first[g]] = 1; break;
        case KeepRule::FirstIfInB: if (first_in_a && (flags[g] & 2)) keep[first[g]] = 1; break;
        case KeepRule::FirstIfNotInB: if (first_in_a && !(flags[g] & 2)) keep[first[g]] = 1; break;
      }
    }
  }

  std::vector<int64_t> compact() {
    std::vector<int64_t> counts(static_cast<size_t>(chunks_ + 1), 0);
    parallel_for(chunks_, threads_, [&](int64_t c) {
      const int64_t b = c * kDedupChunk, e = std::min(n_, b + kDedupChunk);
      int64_t k = 0;
      for (int64_t i = b; i < e; ++i) k += keep_[static_cast<size_t>(i)];
      counts[static_cast<size_t>(c + 1)] = k;
    });
    for (int64_t c = 0; c < chunks_; ++c) counts[static_cast<size_t>(c + 1)] += counts[static_cast<size_t>(c)];
    std::vector<int64_t> out(static_cast<size_t>(counts.back()));
    parallel_for(chunks_, threads_, [&](int64_t c) {
      const int64_t b = c * kDedupChunk, e = std::min(n_, b + kDedupChunk);
      int64_t* o = out.data() + counts[static_cast<size_t>(c)];
      for (int64_t i = b; i < e; ++i)
        if (keep_[static_cast<size_t>(i)]) *o++ = i;
    });
    return out;
  }

  const Source& src_;
  const int64_t n_, split_;
  const KeepRule rule_;
  const int threads_;
  const int bits_;
  const int64_t parts_, chunks_;
  std::vector<int64_t> offsets_, part_begin_;
  std::unique_ptr<uint64_t[]> keys_;
  std::unique_ptr<Row[]> rows_;
  std::unique_ptr<uint8_t[]> keep_;
};

// Kept rows of [0, n) in ascending order (see the file comment).
template <class Source>
std::vector<int64_t> dedup(const Source& src, int64_t n, int64_t split, KeepRule rule, int threads) {
  if (n <= 0) return {};
  threads = resolve_threads(threads);
  if (n < int64_t{UINT32_MAX}) return DedupRun<Source, uint32_t>(src, n, split, rule, threads).run();
  return DedupRun<Source, int64_t>(src, n, split, rule, threads).run();
}

}  // namespace deeprc::compute::detail
