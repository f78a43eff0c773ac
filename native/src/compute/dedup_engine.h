// The hash-partitioned grouping engine behind unique / drop_duplicates and the set operations.
//
// Rows [0, n) form one virtual sequence: the rows of input A followed (from `split` on) by the
// rows of input B (split == n when there is no B). Rows with equal keys form a group; a rule
// decides which row, if any, each group keeps. The result is a mask of the kept rows, so
// it does not depend on the thread count or the partitioning.
//
// How (each step is data-parallel and deterministic):
//  1. partition: rows are scattered, by the top bits of their hash, into P partitions, keeping
//     input order inside each partition (chunk histograms + prefix sums give stable positions).
//     P depends only on n (about 32K rows per partition, at most 256) so that one partition's
//     hash table stays in the L2 cache whatever the thread count;
//  2. group: each partition (one task) runs an open-addressing table over its rows in input
//     order; partitions own disjoint keys, so no synchronisation is needed;
//  3. kept rows are marked in a byte mask (KeptRows), gathered later in input order.
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

#include "compute/kept_rows.h"
#include "core/scratch_array.h"
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

  KeptRows run() {
    partition();
    KeptRows kept;
    kept.num_rows = n_;
    kept.chunk = kDedupChunk;
    kept.keep = ScratchArray<uint8_t>(static_cast<size_t>(n_));
    keep_ = kept.keep.data();
    parallel_for(chunks_, threads_, [&](int64_t c) {
      const int64_t b = c * kDedupChunk, e = std::min(n_, b + kDedupChunk);
      std::fill(keep_ + b, keep_ + e, uint8_t{0});
    });
    parallel_for(parts_, threads_, [&](int64_t p) { group(p); });
    keys_.reset();
    rows_.reset();
    count_kept(kept, threads_);
    return kept;
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
    keys_ = ScratchArray<uint64_t>(static_cast<size_t>(n_));
    rows_ = ScratchArray<Row>(static_cast<size_t>(n_));
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
  // A slot holds the group's key, its first row and `aux` (the last row for KeepRule::Last, flag
  // bits otherwise). The table starts small and doubles at half load, so its size follows the
  // partition's distinct keys (not its rows) and stays cache resident.
  struct Slot {
    uint64_t key;
    Row first;  // kEmpty when free
    Row aux;
  };
  static constexpr Row kEmpty = static_cast<Row>(-1);
  static constexpr Row kDup = 1, kHasB = 2;

  static void grow(std::vector<Slot>& table) {
    std::vector<Slot> bigger(table.size() * 2, Slot{0, kEmpty, 0});
    const uint64_t mask = bigger.size() - 1;
    for (const Slot& s : table) {
      if (s.first == kEmpty) continue;
      uint64_t at = Source::hash(s.key) & mask;
      while (bigger[at].first != kEmpty) at = (at + 1) & mask;
      bigger[at] = s;
    }
    table.swap(bigger);
  }

  void group(int64_t p) {
    const int64_t begin = part_begin_[static_cast<size_t>(p)], end = part_begin_[static_cast<size_t>(p + 1)];
    const int64_t m = end - begin;
    if (m == 0) return;
    uint64_t cap = 1024;
    while (cap < static_cast<uint64_t>(m) && cap < (uint64_t{1} << 13)) cap <<= 1;
    std::vector<Slot> table(cap, Slot{0, kEmpty, 0});
    uint64_t mask = cap - 1, limit = cap / 2, groups = 0;
    const bool last = rule_ == KeepRule::Last;
    const uint64_t* keys = keys_.data() + begin;
    const Row* rows = rows_.data() + begin;
    const auto split = static_cast<Row>(split_);  // rows never reach kEmpty (see dedup())
    for (int64_t j = 0; j < m; ++j) {
      const uint64_t k = keys[j];
      const Row r = rows[j];
      uint64_t s = Source::hash(k) & mask;
      for (;;) {
        Slot& slot = table[s];
        if (slot.first == kEmpty) {
          slot.key = k;
          slot.first = r;
          slot.aux = last ? r : (r >= split ? kHasB : Row{0});
          if (++groups > limit) {
            grow(table);
            mask = table.size() - 1;
            limit = table.size() / 2;
          }
          break;
        }
        if (slot.key == k && src_.equal(static_cast<int64_t>(slot.first), static_cast<int64_t>(r), k)) {
          slot.aux = last ? r : static_cast<Row>(slot.aux | kDup | (r >= split ? kHasB : Row{0}));
          break;
        }
        s = (s + 1) & mask;
      }
    }
    uint8_t* keep = keep_;
    for (const Slot& slot : table) {
      if (slot.first == kEmpty) continue;
      const bool first_in_a = slot.first < split;
      switch (rule_) {
        case KeepRule::First: keep[slot.first] = 1; break;
        case KeepRule::Last: keep[slot.aux] = 1; break;
        case KeepRule::Single: if (!(slot.aux & kDup)) keep[slot.first] = 1; break;
        case KeepRule::FirstIfInB: if (first_in_a && (slot.aux & kHasB)) keep[slot.first] = 1; break;
        case KeepRule::FirstIfNotInB: if (first_in_a && !(slot.aux & kHasB)) keep[slot.first] = 1; break;
      }
    }
  }

  const Source& src_;
  const int64_t n_, split_;
  const KeepRule rule_;
  const int threads_;
  const int bits_;
  const int64_t parts_, chunks_;
  std::vector<int64_t> offsets_, part_begin_;
  ScratchArray<uint64_t> keys_;
  ScratchArray<Row> rows_;
  uint8_t* keep_ = nullptr;  // owned by the KeptRows being built
};

// Kept rows of [0, n) (see the file comment).
template <class Source>
KeptRows dedup(const Source& src, int64_t n, int64_t split, KeepRule rule, int threads) {
  threads = resolve_threads(threads);
  if (n <= 0) {
    KeptRows none;
    count_kept(none, threads);
    return none;
  }
  if (n < int64_t{UINT32_MAX}) return DedupRun<Source, uint32_t>(src, n, split, rule, threads).run();
  return DedupRun<Source, int64_t>(src, n, split, rule, threads).run();
}

}  // namespace deeprc::compute::detail
