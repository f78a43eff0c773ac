#include "compute/hash_join.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <memory>

#include "compute/canonical_bits.h"
#include "core/error.h"
#include "core/scratch_array.h"
#include "core/thread_pool.h"

namespace deeprc::compute {
namespace {

constexpr int64_t kChunk = 1 << 16;  // rows per parallel task (probe and build passes)
constexpr int64_t kPrefetchDistance = 16;  // probe rows between a prefetch and its use
constexpr int kMaxPartitionBits = 10;

int64_t num_chunks(int64_t n) { return (n + kChunk - 1) / kChunk; }

// ---- Key sides: how a row's key becomes a 64-bit tag ------------------------------------------

// Single fixed-width key: the tag IS the key, so a tag match is a key match.
template <typename T>
struct FixedSide {
  const Array* col;
  const T* values;
  bool has_nulls;
  explicit FixedSide(const KeyColumns& k)
      : col(&k.columns[0]), values(k.columns[0].values<T>()), has_nulls(k.columns[0].null_count() > 0) {}
  bool valid(int64_t i) const { return !has_nulls || col->is_valid(i); }
  uint64_t tag(int64_t i) const { return canonical_bits(values[i]); }
  static uint64_t spread(uint64_t tag) { return mix64(tag); }
};
struct FixedMatch {
  bool operator()(int64_t, uint64_t probe_tag, uint64_t build_tag, uint64_t) const { return probe_tag == build_tag; }
};

// Any other key: the tag is the row hash; equal tags are confirmed with RowEquality.
struct HashedSide {
  const KeyColumns* keys;
  std::vector<uint64_t> hashes;
  bool has_nulls = false;
  HashedSide(const KeyColumns& k, int threads) : keys(&k), hashes(static_cast<size_t>(k.num_rows)) {
    hash_rows(k, hashes.data(), threads);
    for (const auto& c : k.columns) has_nulls |= c.null_count() > 0;
  }
  bool valid(int64_t i) const { return !has_nulls || !any_null(*keys, i); }
  uint64_t tag(int64_t i) const { return hashes[static_cast<size_t>(i)]; }
  static uint64_t spread(uint64_t tag) { return tag; }  // already well mixed
};
struct HashedMatch {
  RowEquality eq;  // (probe keys, build keys)
  bool operator()(int64_t i, uint64_t probe_tag, uint64_t build_tag, uint64_t r) const {
    return probe_tag == build_tag && eq(i, r);
  }
};

// ---- The build side: a bucket-sorted table (CSR layout) ---------------------------------------
// Entries are stored contiguously per bucket, so a probe reads offsets[b], offsets[b+1] and one
// contiguous run of tags: no pointer chasing. It is built in two cache-friendly counting-sort
// passes: rows are first scattered into 2^pbits partitions (by the top hash bits), then each
// partition (small enough for L2) is sorted into its buckets independently, in parallel.
struct Entry {
  uint64_t tag;
  uint64_t row;  // 16-byte entries: four per cache line, never straddling one
};

struct HashTable {
  int bits = 1;
  ScratchArray<uint32_t> offsets;  // 2^bits + 1
  ScratchArray<Entry> entries;
  uint64_t bucket(uint64_t spread) const { return spread >> (64 - bits); }
};

template <typename Side>
HashTable build_table(const Side& side, int64_t n, int threads) {
  if (n >= static_cast<int64_t>(UINT32_MAX))
    throw_unsupported("hash join: the smaller input has " + std::to_string(n) + " rows; at most 4294967294 are supported");
  HashTable t;
  while ((int64_t{1} << t.bits) < n / 2) ++t.bits;  // about two entries per bucket
  const int pbits = std::min(t.bits, kMaxPartitionBits);
  const int64_t parts = int64_t{1} << pbits;
  const int lbits = t.bits - pbits;
  const int64_t chunks = num_chunks(n);

  std::vector<uint32_t> cursor(static_cast<size_t>(chunks * parts), 0);
  parallel_for(chunks, threads, [&](int64_t c) {
    uint32_t* h = cursor.data() + c * parts;
    for (int64_t i = c * kChunk, e = std::min(n, i + kChunk); i < e; ++i)
      if (side.valid(i)) ++h[Side::spread(side.tag(i)) >> (64 - pbits)];
  });
  std::vector<uint32_t> part_start(static_cast<size_t>(parts + 1));
  uint32_t total = 0;
  for (int64_t p = 0; p < parts; ++p) {
    part_start[p] = total;
    for (int64_t c = 0; c < chunks; ++c) {
      const uint32_t v = cursor[c * parts + p];
      cursor[c * parts + p] = total;
      total += v;
    }
  }
  part_start[parts] = total;

  t.entries = ScratchArray<Entry>(total);
  Entry* entries = t.entries.data();
  parallel_for(chunks, threads, [&](int64_t c) {
    uint32_t* pos = cursor.data() + c * parts;
    for (int64_t i = c * kChunk, e = std::min(n, i + kChunk); i < e; ++i) {
      if (!side.valid(i)) continue;
      const uint64_t tag = side.tag(i);
      entries[pos[Side::spread(tag) >> (64 - pbits)]++] = Entry{tag, static_cast<uint64_t>(i)};
    }
  });

  const size_t buckets = size_t{1} << t.bits;
  t.offsets = ScratchArray<uint32_t>(buckets + 1);
  const uint64_t local_mask = (uint64_t{1} << lbits) - 1;
  parallel_for(parts, threads, [&](int64_t p) {
    const uint32_t begin = part_start[p], end = part_start[p + 1];
    uint32_t* off = t.offsets.data() + (p << lbits);
    // The partition is sorted into its buckets through a copy small enough for L2.
    std::vector<Entry> tmp(entries + begin, entries + end);
    std::vector<uint32_t> cur(size_t{1} << lbits, 0);
    for (const Entry& e : tmp) ++cur[t.bucket(Side::spread(e.tag)) & local_mask];
    uint32_t run = begin;
    for (size_t b = 0; b < cur.size(); ++b) {
      off[b] = run;
      const uint32_t c = cur[b];
      cur[b] = run;
      run += c;
    }
    for (const Entry& e : tmp)  // stable: rows stay ascending within a bucket
      entries[cur[t.bucket(Side::spread(e.tag)) & local_mask]++] = e;
    // Order each bucket by tag (stably, so rows stay ascending per key): a probe then jumps to
    // its key's run and stops after it, so a heavy key never makes probes of a different key
    // that shares its bucket scan all of its duplicates.
    for (size_t b = 0; b < cur.size(); ++b) {
      Entry* first = entries + off[b];
      Entry* last = entries + cur[b];  // cur[b] is now the end of bucket b
      if (last - first <= 1) continue;
      if (last - first > 32) {
        std::stable_sort(first, last, [](const Entry& x, const Entry& y) { return x.tag < y.tag; });
        continue;
      }
      for (Entry* i = first + 1; i < last; ++i)  // insertion sort: stable, fast for tiny buckets
        for (Entry* j = i; j > first && j[-1].tag > j->tag; --j) std::swap(j[-1], *j);
    }
  });
  t.offsets[buckets] = total;
  return t;
}

// ---- Probe -----------------------------------------------------------------------------------

enum class ProbeMode {
  Pairs,     // emit (probe, build) for every match
  Semi,      // emit each probe row with at least one match, once
  Anti,      // emit each probe row without a match
  MarkOnly,  // emit nothing; only mark matched build rows
};

struct ProbeSpec {
  ProbeMode mode = ProbeMode::Pairs;
  bool keep_unmatched_probe = false;  // emit (probe, -1) when a probe row has no match
  uint8_t* build_matched = nullptr;   // when set, matched build rows are flagged
};

void mark(uint8_t* flags, uint64_t r) {
  std::atomic_ref<uint8_t> f(flags[r]);
  if (f.load(std::memory_order_relaxed) == 0) f.store(1, std::memory_order_relaxed);
}

// Grows the output vectors so that `need` more rows fit after the first n.
void ensure(JoinIndexChunk& out, size_t n, size_t need, bool pairs) {
  if (n + need <= out.left.size()) return;
  const size_t cap = std::max(out.left.size() * 2, n + need);
  out.left.resize(cap);
  if (pairs) out.right.resize(cap);
}

// Probes rows [begin, end) into `out` (.left = probe rows, .right = build rows). Software
// pipelined: while row i is compared, the entries of row i+D and the bucket offsets of row i+2D
// are being prefetched, so the two dependent cache misses of each probe overlap with those of
// the following rows instead of stalling one after the other.
template <typename Side, typename Match>
void probe_range(const Side& side, const Match& match, const HashTable& t, const ProbeSpec& spec, int64_t begin,
                 int64_t end, JoinIndexChunk& out) {
  constexpr int64_t D = kPrefetchDistance;
  constexpr int64_t kRing = 4 * D;  // power of two > 2D
  const uint32_t* offsets = t.offsets.data();
  const Entry* entries = t.entries.data();
  const bool pairs = spec.mode == ProbeMode::Pairs;
  const bool emits = spec.mode != ProbeMode::MarkOnly;
  size_t n = 0;
  if (emits) ensure(out, 0, static_cast<size_t>(end - begin) + 16, pairs);
  uint64_t tag[kRing], bucket[kRing];
  uint32_t lo[kRing], hi[kRing];
  for (int64_t x = begin; x < end + 2 * D; ++x) {
    if (x < end) {
      const int64_t s = x & (kRing - 1);
      tag[s] = side.tag(x);
      bucket[s] = t.bucket(Side::spread(tag[s]));
      __builtin_prefetch(offsets + bucket[s]);
    }
    if (const int64_t y = x - D; y >= begin && y < end) {
      const int64_t s = y & (kRing - 1);
      lo[s] = offsets[bucket[s]];
      hi[s] = offsets[bucket[s] + 1];
      __builtin_prefetch(entries + lo[s]);
    }
    const int64_t i = x - 2 * D;
    if (i < begin) continue;
    const int64_t s = i & (kRing - 1);
    bool any = false;
    if (emits) ensure(out, n, hi[s] - lo[s] + 1, pairs);
    int64_t* L = out.left.data();
    int64_t* R = out.right.data();
    if (side.valid(i)) {
      const uint64_t want = tag[s];
      uint32_t k = lo[s];
      if (hi[s] - k > 16) {
        k = static_cast<uint32_t>(std::lower_bound(entries + k, entries + hi[s], want,
                                                   [](const Entry& e, uint64_t v) { return e.tag < v; }) -
                                  entries);
      } else {
        while (k < hi[s] && entries[k].tag < want) ++k;
      }
      for (; k < hi[s] && entries[k].tag == want; ++k) {
        const Entry& e = entries[k];
        if (!match(i, want, e.tag, e.row)) continue;
        any = true;
        if (spec.build_matched) mark(spec.build_matched, e.row);
        if (pairs) {
          L[n] = i;
          R[n++] = static_cast<int64_t>(e.row);
        } else if (spec.mode != ProbeMode::MarkOnly) {
          break;  // semi/anti only need to know that a match exists
        }
      }
    }
    if (any ? spec.mode == ProbeMode::Semi : spec.mode == ProbeMode::Anti) L[n++] = i;
    if (!any && spec.keep_unmatched_probe) {
      L[n] = i;
      R[n++] = -1;
    }
  }
  out.left.resize(n);
  if (pairs) out.right.resize(n);
}

enum class BuildScan { None, UnmatchedPairs, Matched, Unmatched };

template <typename Side, typename Match>
JoinIndices run(const Side& probe_side, int64_t probe_rows, const Side& build_side, int64_t build_rows,
                const Match& match, ProbeSpec spec, BuildScan scan, int threads) {
  const HashTable table = build_table(build_side, build_rows, threads);
  std::vector<uint8_t> matched;
  if (scan != BuildScan::None) {
    matched.assign(static_cast<size_t>(build_rows), 0);
    spec.build_matched = matched.data();
  }
  JoinIndices out;
  const int64_t pchunks = num_chunks(probe_rows);
  const int64_t bchunks = scan == BuildScan::None ? 0 : num_chunks(build_rows);
  out.chunks.resize(static_cast<size_t>(pchunks));
  parallel_for(pchunks, threads, [&](int64_t c) {
    const int64_t b = c * kChunk, e = std::min(probe_rows, b + kChunk);
    auto& ch = out.chunks[static_cast<size_t>(c)];
    probe_range(probe_side, match, table, spec, b, e, ch);
  });
  if (bchunks > 0) {
    std::vector<JoinIndexChunk> tail(static_cast<size_t>(bchunks));
    parallel_for(bchunks, threads, [&](int64_t c) {
      auto& ch = tail[static_cast<size_t>(c)];
      for (int64_t r = c * kChunk, e = std::min(build_rows, r + kChunk); r < e; ++r) {
        const bool m = matched[static_cast<size_t>(r)] != 0;
        if (scan == BuildScan::UnmatchedPairs && !m) {
          ch.left.push_back(-1);
          ch.right.push_back(r);
        } else if ((scan == BuildScan::Matched && m) || (scan == BuildScan::Unmatched && !m)) {
          ch.right.push_back(r);  // semi/anti with the left side built: rows end up in .left after the swap
        }
      }
    });
    for (auto& ch : tail) out.chunks.push_back(std::move(ch));
  }
  return out;
}

template <typename Side, typename Match>
JoinIndices dispatch(const Side& lside, const Side& rside, const Match& match_probe_left,
                     const Match& match_probe_right, int64_t ln, int64_t rn, JoinType type, int threads) {
  const bool build_left = ln < rn;  // build the smaller side; the right one on a tie
  ProbeSpec spec;
  BuildScan scan = BuildScan::None;
  const bool keep_left = type == JoinType::Left || type == JoinType::Full;
  const bool keep_right = type == JoinType::Right || type == JoinType::Full;
  if (type == JoinType::Semi || type == JoinType::Anti) {
    if (build_left) {
      spec.mode = ProbeMode::MarkOnly;
      scan = type == JoinType::Semi ? BuildScan::Matched : BuildScan::Unmatched;
    } else {
      spec.mode = type == JoinType::Semi ? ProbeMode::Semi : ProbeMode::Anti;
    }
  } else {
    spec.keep_unmatched_probe = build_left ? keep_right : keep_left;
    if (build_left ? keep_left : keep_right) scan = BuildScan::UnmatchedPairs;
  }
  JoinIndices out = build_left ? run(rside, rn, lside, ln, match_probe_right, spec, scan, threads)
                               : run(lside, ln, rside, rn, match_probe_left, spec, scan, threads);
  if (build_left)
    for (auto& ch : out.chunks) std::swap(ch.left, ch.right);
  return out;
}

template <typename T>
JoinIndices fixed_join(const KeyColumns& left, const KeyColumns& right, JoinType type, int threads) {
  const FixedSide<T> l(left), r(right);
  return dispatch(l, r, FixedMatch{}, FixedMatch{}, left.num_rows, right.num_rows, type, threads);
}

}  // namespace

JoinIndices hash_join(const KeyColumns& left, const KeyColumns& right, JoinType type, int threads) {
  threads = resolve_threads(threads);
  if (left.columns.size() == 1) {
    switch (left.columns[0].type_id()) {
      case TypeId::Int8: return fixed_join<int8_t>(left, right, type, threads);
      case TypeId::Int16: return fixed_join<int16_t>(left, right, type, threads);
      case TypeId::Int32: case TypeId::Date32: return fixed_join<int32_t>(left, right, type, threads);
      case TypeId::Int64: case TypeId::Timestamp: return fixed_join<int64_t>(left, right, type, threads);
      case TypeId::UInt8: return fixed_join<uint8_t>(left, right, type, threads);
      case TypeId::UInt16: return fixed_join<uint16_t>(left, right, type, threads);
      case TypeId::UInt32: return fixed_join<uint32_t>(left, right, type, threads);
      case TypeId::UInt64: return fixed_join<uint64_t>(left, right, type, threads);
      case TypeId::Float32: return fixed_join<float>(left, right, type, threads);
      case TypeId::Float64: return fixed_join<double>(left, right, type, threads);
      default: break;  // bool and strings: generic path
    }
  }
  const HashedSide l(left, threads), r(right, threads);
  const HashedMatch probe_left{RowEquality(left, right)}, probe_right{RowEquality(right, left)};
  return dispatch(l, r, probe_left, probe_right, left.num_rows, right.num_rows, type, threads);
}

}  // namespace deeprc::compute
