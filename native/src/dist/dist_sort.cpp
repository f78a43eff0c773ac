// Distributed sample sort (see dist_sort.h).
#include "dist/dist_sort.h"

#include <algorithm>
#include <string>

#include "arrow/selection.h"
#include "compute/aggregate_output.h"
#include "compute/parallel_take.h"
#include "compute/sort_keys.h"
#include "core/error.h"
#include "dist/table_exchange.h"

namespace deeprc::dist {
namespace {

// Samples of this rank: 32 per rank on average (p-1 is the minimum for regular sampling;
// oversampling makes the split finer), proportional to the rank's rows so that every sample
// stands for the same number of rows also when the partitions are uneven.
int64_t samples_per_rank(int p, int64_t rows, int64_t total) {
  if (total == 0) return 0;
  const long double want = 32.0L * p * p * static_cast<long double>(rows) / static_cast<long double>(total);
  return std::min<int64_t>(rows, static_cast<int64_t>(want) + 1);
}

constexpr const char* kRankCol = "__drc_sample_rank";
constexpr const char* kPosCol = "__drc_sample_pos";

std::vector<int> key_indices(const Table& t, const std::vector<compute::SortKey>& keys) {
  std::vector<int> idx;
  for (const auto& k : keys) {
    const int i = t.schema().index_of(k.column);
    if (i < 0) throw_not_found("sort: no column named '" + k.column + "'");
    if (std::find(idx.begin(), idx.end(), i) == idx.end()) idx.push_back(i);
  }
  return idx;
}

// The key columns of `sorted` at regular positions, with the sample's (rank, position).
Table take_samples(const Table& keys_only, int rank, int p, int64_t total) {
  const int64_t n = keys_only.num_rows();
  const int64_t s = samples_per_rank(p, n, total);
  std::vector<int64_t> pos(static_cast<size_t>(s));
  for (int64_t k = 0; k < s; ++k) pos[static_cast<size_t>(k)] = (k * n + n / 2) / s;  // s <= n: distinct
  Table t = take(keys_only, pos.data(), s);
  std::vector<Field> fields = t.schema().fields();
  std::vector<Array> cols = t.columns();
  fields.push_back(Field{kRankCol, DataType(TypeId::Int32), false});
  cols.push_back(compute::array_from_values(DataType(TypeId::Int32), std::vector<int32_t>(static_cast<size_t>(s), rank)));
  fields.push_back(Field{kPosCol, DataType(TypeId::Int64), false});
  cols.push_back(compute::array_from_values(DataType(TypeId::Int64), pos));
  return Table(Schema(std::move(fields)), std::move(cols), s);
}

// Merges the sorted runs (run s = rows from source rank s, in rank order) into one sorted table.
// Ties go to the lower run, so equal keys stay in (source rank, row) = global input order.
Table merge_runs(const Table& received, const std::vector<int64_t>& run_rows,
                 const std::vector<compute::SortKey>& keys, int threads) {
  std::vector<int64_t> pos, end;
  int64_t at = 0;
  for (int64_t r : run_rows) {
    if (r > 0) pos.push_back(at), end.push_back(at + r);
    at += r;
  }
  if (pos.size() <= 1) return received;
  const auto cols = compute::resolve_sort_keys(received, keys);
  const compute::RowComparator cmp(cols, 0);
  const int64_t n = received.num_rows();
  std::vector<int64_t> perm;
  perm.reserve(static_cast<size_t>(n));
  // A min-heap of runs by (head row, run index).
  std::vector<size_t> heap(pos.size());
  for (size_t i = 0; i < heap.size(); ++i) heap[i] = i;
  // The first key's order-preserving codes decide most comparisons without the generic comparator
  // (exactly, for a single fixed-width key; strings compare their 8-byte prefixes first).
  std::vector<uint64_t> code;
  bool codes_decide_ties = false;
  const compute::SortColumn& k0 = cols[0];
  if (k0.array.null_count() == 0) {
    code.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      const uint64_t c = compute::encode_value(k0.array, i);
      code[static_cast<size_t>(i)] = k0.descending ? ~c : c;
    }
    codes_decide_ties = cols.size() == 1 && !k0.is_string;
  }
  auto compare = [&](int64_t a, int64_t b) {
    if (!code.empty()) {
      const uint64_t ca = code[static_cast<size_t>(a)], cb = code[static_cast<size_t>(b)];
      if (ca != cb) return ca < cb ? -1 : 1;
      if (codes_decide_ties) return 0;
    }
    return cmp.compare(a, b);
  };
  auto after = [&](size_t a, size_t b) {  // heap order: true when run a's head comes after run b's
    const int c = compare(pos[a], pos[b]);
    return c > 0 || (c == 0 && a > b);
  };
  std::make_heap(heap.begin(), heap.end(), after);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), after);
    const size_t r = heap.back();
    // Take rows from run r while they do not pass the next-best head.
    const size_t next = heap.size() > 1 ? heap.front() : r;
    do {
      perm.push_back(pos[r]++);
    } while (pos[r] < end[r] && (next == r || !after(r, next)));
    if (pos[r] < end[r]) std::push_heap(heap.begin(), heap.end(), after);
    else heap.pop_back();
  }
  return compute::parallel_take(received, perm.data(), n, threads);
}

}  // namespace

Table sort(comm::Communicator& comm, const Table& table, const std::vector<compute::SortKey>& keys, int threads) {
  if (keys.empty()) throw_invalid("sort: at least one sort key is required");
  check_same_schema(comm, table.schema(), "distributed sort");
  const std::vector<int> kidx = key_indices(table, keys);
  const Table sorted = compute::sort(table, keys, threads);
  const int p = comm.size();
  if (p == 1) return sorted;

  // Splitters: every rank sorts the same allgathered samples the same way.
  const Table keys_only = sorted.select(kidx);
  const int64_t total = comm::allreduce_i64(comm, sorted.num_rows(), comm::ReduceOp::Sum);
  const Table samples = allgather_table(comm, take_samples(keys_only, comm.rank(), p, total));
  std::vector<compute::SortKey> sample_keys = keys;
  sample_keys.push_back({kRankCol, false, false});
  sample_keys.push_back({kPosCol, false, false});
  const Table ordered = compute::sort(samples, sample_keys, 1);
  const int64_t m = ordered.num_rows();
  std::vector<int64_t> pick;
  for (int j = 1; j < p && m > 0; ++j) pick.push_back(std::min<int64_t>(m - 1, j * m / p));
  const Table splitters = take(ordered, pick.data(), static_cast<int64_t>(pick.size()));

  // Cut the sorted rows: rows of (key, my rank, position) below splitter j go to ranks < j.
  const int64_t n = sorted.num_rows();
  std::vector<int64_t> offsets(static_cast<size_t>(p) + 1, n);
  offsets[0] = 0;
  if (m > 0) {
    const int nk = keys_only.num_columns();
    const Table both = concat({keys_only, splitters.select([&] {
                                 std::vector<int> v(static_cast<size_t>(nk));
                                 for (int i = 0; i < nk; ++i) v[static_cast<size_t>(i)] = i;
                                 return v;
                               }())});
    const auto cols = compute::resolve_sort_keys(both, keys);
    const compute::RowComparator cmp(cols, 0);
    const Array& srank = splitters.column(kRankCol);
    const Array& spos = splitters.column(kPosCol);
    const int me = comm.rank();
    for (int j = 0; j + 1 < p; ++j) {
      const int64_t sj = n + j;
      const int32_t r = srank.values<int32_t>()[j];
      const int64_t q = spos.values<int64_t>()[j];
      // First local row i not below the splitter.
      int64_t lo = j == 0 ? 0 : offsets[static_cast<size_t>(j)], hi = n;
      while (lo < hi) {
        const int64_t mid = lo + (hi - lo) / 2;
        const int c = cmp.compare(mid, sj);
        const bool below = c < 0 || (c == 0 && (me < r || (me == r && mid < q)));
        if (below) lo = mid + 1;
        else hi = mid;
      }
      offsets[static_cast<size_t>(j) + 1] = lo;
    }
  }
  const Table received = exchange_rows(comm, sorted, offsets);
  std::vector<int64_t> send_counts(static_cast<size_t>(p));
  for (int d = 0; d < p; ++d) send_counts[static_cast<size_t>(d)] = offsets[static_cast<size_t>(d) + 1] - offsets[static_cast<size_t>(d)];
  return merge_runs(received, comm::alltoall_i64(comm, send_counts), keys, threads);
}

}  // namespace deeprc::dist
