// Sort driver: MSD over keys, each key sorted by the stable radix engine.
//
// The first key is sorted over the whole table (radix on the order-preserving codes, nulls split
// off and placed by nulls_first). Rows that tie on key k form runs; only those runs are sorted by
// key k+1, and so on. A run of a few rows is finished with a comparison sort over all remaining
// keys. Strings go through the same engine with their 8-byte prefix as the code; runs of equal
// prefixes are then finished with a full string comparison.
#include "compute/sort.h"

#include <algorithm>
#include <memory>

#include "compute/parallel_take.h"
#include "compute/radix_sort.h"
#include "compute/sort_keys.h"
#include "core/error.h"
#include "core/thread_pool.h"

namespace deeprc::compute {
namespace {

struct Run {
  int64_t begin;
  int64_t end;
};

// Runs this short are finished by a comparison sort over all remaining keys.
constexpr int64_t kSmallRun = 24;
// Below this many rows the encode step is not worth splitting across threads.
constexpr int64_t kParallelEncode = 1 << 16;

int64_t encode_segment(const SortColumn& key, const int64_t* rows, int64_t n, KeyIndex* items, int64_t* nulls,
                       int threads) {
  if (key.array.null_count() > 0 || threads <= 1 || n < kParallelEncode)
    return encode_rows(key, rows, 0, n, items, nulls);
  const int64_t chunk = (n + threads - 1) / threads;
  parallel_for(threads, threads, [&](int64_t t) {
    const int64_t b = t * chunk, e = std::min(n, b + chunk);
    if (b >= e) return;
    // Without nulls every row yields one item at its own position.
    encode_rows(key, rows ? rows + b : nullptr, b, e - b, items + b, nullptr);
  });
  return n;
}

// Equal prefixes do not mean equal strings: finish each run of equal prefixes by full comparison.
void finish_string_runs(const SortColumn& key, KeyIndex* items, int64_t m) {
  const Array& a = key.array;
  int64_t b = 0;
  while (b < m) {
    int64_t e = b + 1;
    while (e < m && items[e].key == items[b].key) ++e;
    if (e - b > 1) {
      std::stable_sort(items + b, items + e, [&](const KeyIndex& x, const KeyIndex& y) {
        const int c = a.string_value(x.index).compare(a.string_value(y.index));
        return key.descending ? c > 0 : c < 0;
      });
    }
    b = e;
  }
}

// Stably sorts the segment rows[0, n) (identity 0..n-1 when rows is null) by keys[k], writing the
// sorted row ids to out[0, n) (out may alias rows). With runs != null, appends the runs of rows
// that tie on keys[k], offset by `base`.
void sort_segment(const std::vector<SortColumn>& keys, size_t k, const int64_t* rows, int64_t n, int64_t* out,
                  int threads, int64_t base, std::vector<Run>* runs) {
  const SortColumn& key = keys[k];
  auto items = std::make_unique_for_overwrite<KeyIndex[]>(static_cast<size_t>(n));
  std::vector<int64_t> nulls(static_cast<size_t>(std::min(key.array.null_count(), n)));
  const int64_t m = encode_segment(key, rows, n, items.get(), nulls.data(), threads);
  const int64_t z = n - m;
  auto tmp = std::make_unique_for_overwrite<KeyIndex[]>(static_cast<size_t>(m > kRadixMinItems ? m : 0));
  KeyIndex* sorted = radix_sort(items.get(), tmp.get(), m, threads);
  // Release the scratch half before `out` is touched: keeps peak memory at input + 2 item buffers.
  if (sorted == items.get()) tmp.reset();
  else items.reset();
  if (key.is_string) finish_string_runs(key, sorted, m);
  const int64_t value_start = key.nulls_first ? z : 0;
  const int64_t null_start = key.nulls_first ? 0 : m;
  std::copy(nulls.begin(), nulls.begin() + z, out + null_start);
  for (int64_t i = 0; i < m; ++i) out[value_start + i] = sorted[i].index;
  if (runs == nullptr) return;
  if (z > 1) runs->push_back({base + null_start, base + null_start + z});
  const Array& a = key.array;
  auto same = [&](const KeyIndex& x, const KeyIndex& y) {
    return x.key == y.key && (!key.is_string || a.string_value(x.index) == a.string_value(y.index));
  };
  int64_t b = 0;
  while (b < m) {
    int64_t e = b + 1;
    while (e < m && same(sorted[e], sorted[b])) ++e;
    if (e - b > 1) runs->push_back({base + value_start + b, base + value_start + e});
    b = e;
  }
}

// Sorts every run of `out` by keys[k] (and finishes short runs over all remaining keys);
// returns the runs that still tie on keys[k].
std::vector<Run> refine_runs(const std::vector<SortColumn>& keys, size_t k, const std::vector<Run>& runs, int64_t* out,
                             int threads) {
  const bool last = k + 1 == keys.size();
  auto refine = [&](const std::vector<Run>& list, size_t first, size_t end, std::vector<Run>* next_runs) {
    RowComparator cmp(keys, k);
    for (size_t r = first; r < end; ++r) {
      const Run run = list[r];
      const int64_t len = run.end - run.begin;
      if (len <= kSmallRun) {
        std::stable_sort(out + run.begin, out + run.end, cmp);
        continue;
      }
      sort_segment(keys, k, out + run.begin, len, out + run.begin, 1, run.begin, last ? nullptr : next_runs);
    }
  };
  // Big runs (e.g. under a low-cardinality first key) get all threads one after the other; the
  // many small ones are spread over the threads in groups. Runs are disjoint ranges of `out`, so
  // their order in the run list is irrelevant.
  std::vector<Run> next, small;
  for (const Run& run : runs) {
    if (run.end - run.begin >= kParallelEncode && threads > 1)
      sort_segment(keys, k, out + run.begin, run.end - run.begin, out + run.begin, threads, run.begin,
                   last ? nullptr : &next);
    else
      small.push_back(run);
  }
  const int t = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), small.size() / 64 + 1));
  if (t <= 1) {
    refine(small, 0, small.size(), &next);
    return next;
  }
  std::vector<std::vector<Run>> parts(static_cast<size_t>(t));
  const size_t per = (small.size() + static_cast<size_t>(t) - 1) / static_cast<size_t>(t);
  parallel_for(t, t, [&](int64_t g) {
    const size_t b = static_cast<size_t>(g) * per, e = std::min(small.size(), b + per);
    if (b < e) refine(small, b, e, &parts[static_cast<size_t>(g)]);
  });
  for (auto& p : parts) next.insert(next.end(), p.begin(), p.end());
  return next;
}

BufferPtr sort_indices_buffer(const Table& table, const std::vector<SortKey>& sort_keys, int threads) {
  const std::vector<SortColumn> keys = resolve_sort_keys(table, sort_keys);
  threads = resolve_threads(threads);
  const int64_t n = table.num_rows();
  auto buf = Buffer::allocate(n * static_cast<int64_t>(sizeof(int64_t)));
  int64_t* out = buf->mutable_as<int64_t>();
  if (n == 0) return buf;
  std::vector<Run> runs;
  sort_segment(keys, 0, nullptr, n, out, threads, 0, keys.size() > 1 ? &runs : nullptr);
  for (size_t k = 1; k < keys.size() && !runs.empty(); ++k) runs = refine_runs(keys, k, runs, out, threads);
  return buf;
}

}  // namespace

Array sort_indices(const Table& table, const std::vector<SortKey>& keys, int threads) {
  ArrayData d;
  d.type = DataType(TypeId::Int64);
  d.length = table.num_rows();
  d.values = sort_indices_buffer(table, keys, threads);
  return Array(std::make_shared<const ArrayData>(std::move(d)));
}

Table sort(const Table& table, const std::vector<SortKey>& keys, int threads) {
  BufferPtr idx = sort_indices_buffer(table, keys, threads);
  return parallel_take(table, idx->as<int64_t>(), table.num_rows(), threads);
}

bool is_sorted(const Table& table, const std::vector<SortKey>& sort_keys) {
  const std::vector<SortColumn> keys = resolve_sort_keys(table, sort_keys);
  RowComparator cmp(keys, 0);
  for (int64_t i = 1; i < table.num_rows(); ++i)
    if (cmp.compare(i - 1, i) > 0) return false;
  return true;
}

}  // namespace deeprc::compute
