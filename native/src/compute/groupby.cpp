#include "compute/groupby.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <queue>
#include <unordered_set>

#include "arrow/selection.h"
#include "compute/aggregate_kernel.h"
#include "compute/canonical_bits.h"
#include "compute/group_table.h"
#include "compute/numeric_dispatch.h"
#include "compute/row_keys.h"
#include "core/error.h"
#include "core/thread_pool.h"

namespace deeprc::compute {
namespace {

constexpr int64_t kBatch = 1024;
constexpr int64_t kPrefetchDistance = 16;

// Partition of a hash among P: multiply-shift on the upper bits (the table index uses the lower
// bits, so the two stay independent).
inline uint32_t partition_of(uint64_t h, uint32_t parts) {
  return static_cast<uint32_t>(((h >> 32) * parts) >> 32);
}

constexpr uint64_t kNullKeyHash = 0x9ae16a3b2f90404fULL;

struct Partition {
  std::vector<std::unique_ptr<AggKernel>> kernels;
  std::vector<int64_t> first_rows;  // per local group, increasing
  std::vector<Array> results;       // per aggregate, one value per local group
};

void feed(Partition& part, uint32_t groups, const int64_t* rows, const uint32_t* gids, int64_t m) {
  for (auto& k : part.kernels) {
    k->resize(groups);
    k->update(rows, gids, m);
  }
}

// Fast path: one fixed-width key column.
template <typename T, bool Nulls>
void scan_fixed(const Array& key, uint32_t p, uint32_t parts, Partition& part) {
  FixedKeyGroups groups;
  const T* v = key.values<T>();
  const int64_t n = key.length();
  int64_t rows[kBatch];
  uint32_t gids[kBatch];
  uint64_t keys[kBatch];
  uint64_t hashes[kBatch];
  for (int64_t b = 0; b < n; b += kBatch) {
    const int64_t e = std::min(n, b + kBatch);
    int64_t m = 0;
    for (int64_t i = b; i < e; ++i) {  // branch-free selection of this partition's rows
      const bool null = Nulls && key.is_null(i);
      const uint64_t k = canonical_bits(v[i]);
      const uint64_t h = null ? kNullKeyHash : fixed_key_hash(k);
      rows[m] = i;
      keys[m] = k;
      hashes[m] = h;
      m += parts == 1 || partition_of(h, parts) == p;
    }
    for (int64_t j = 0; j < m; ++j) {
      if (j + kPrefetchDistance < m) groups.prefetch(hashes[j + kPrefetchDistance]);
      gids[j] = Nulls && key.is_null(rows[j]) ? groups.null_group(rows[j])
                                               : groups.find_or_insert(keys[j], hashes[j], rows[j]);
    }
    feed(part, groups.size(), rows, gids, m);
  }
  part.first_rows = groups.first_rows();
}

// Generic path: any key columns, precomputed row hashes.
void scan_rows(const KeyColumns& kc, const uint64_t* hash, uint32_t p, uint32_t parts, Partition& part) {
  RowKeyGroups groups(kc, hash);
  const int64_t n = kc.num_rows;
  int64_t rows[kBatch];
  uint32_t gids[kBatch];
  for (int64_t b = 0; b < n; b += kBatch) {
    const int64_t e = std::min(n, b + kBatch);
    int64_t m = 0;
    for (int64_t i = b; i < e; ++i) {
      rows[m] = i;
      m += parts == 1 || partition_of(hash[i], parts) == p;
    }
    for (int64_t j = 0; j < m; ++j) {
      if (j + kPrefetchDistance < m) groups.prefetch(hash[rows[j + kPrefetchDistance]]);
      gids[j] = groups.find_or_insert(rows[j]);
    }
    feed(part, groups.size(), rows, gids, m);
  }
  part.first_rows = groups.first_rows();
}

bool fixed_key_fast_path(const KeyColumns& kc) {
  return kc.columns.size() == 1 && is_fixed_width(kc.columns[0].type_id());
}

void run_partition(const KeyColumns& kc, const std::vector<uint64_t>& hashes, uint32_t p, uint32_t parts,
                   Partition& part) {
  if (fixed_key_fast_path(kc)) {
    const Array& key = kc.columns[0];
    dispatch_fixed_width(key.type_id(), [&](auto t) {
      using T = decltype(t);
      if (key.null_count() > 0) scan_fixed<T, true>(key, p, parts, part);
      else scan_fixed<T, false>(key, p, parts, part);
    });
  } else {
    scan_rows(kc, hashes.data(), p, parts, part);
  }
  // Finalise here, inside the partition's task, so holistic aggregates sort in parallel.
  for (auto& k : part.kernels) part.results.push_back(k->finalize());
  part.kernels.clear();
}

}  // namespace

Table groupby(const Table& table, const std::vector<std::string>& keys, const std::vector<AggSpec>& aggs,
              int threads, int64_t min_rows_per_partition) {
  const KeyColumns kc = key_columns(table, keys);
  std::vector<Field> fields;
  for (const auto& k : keys) {
    const Field& f = table.schema().field(table.schema().require_index(k));
    fields.push_back({k, f.type, f.nullable});
  }
  std::vector<Array> values(aggs.size());
  for (size_t i = 0; i < aggs.size(); ++i) {
    const AggSpec& a = aggs[i];
    if (a.column.empty() && a.func != AggFunc::CountAll)
      throw_invalid(std::string("aggregate ") + std::to_string(i) + " (" + agg_func_name(a.func) + ") needs a column");
    if (!a.column.empty()) values[i] = table.column(a.column);  // NotFound names the column
    const DataType rt = a.column.empty() ? DataType(TypeId::Int64) : result_type(a, values[i].type());
    const bool counts = a.func == AggFunc::Count || a.func == AggFunc::CountAll || a.func == AggFunc::NUnique;
    fields.push_back({output_name(a), rt, !counts});
  }
  std::unordered_set<std::string> seen;
  for (const Field& f : fields) {
    if (f.name.empty()) throw_invalid("an aggregate alias must not be empty");
    if (!seen.insert(f.name).second)
      throw_invalid("duplicate output column name '" + f.name + "' in groupby; give one of the aggregates an alias");
  }

  const int64_t n = table.num_rows();
  const auto parts = static_cast<uint32_t>(
      std::clamp<int64_t>(resolve_threads(threads), 1, std::max<int64_t>(1, n / std::max<int64_t>(min_rows_per_partition, 1))));
  std::vector<Partition> part(parts);
  for (auto& pt : part) pt.kernels = make_kernels(aggs, values);
  std::vector<uint64_t> hashes;
  if (!fixed_key_fast_path(kc)) {
    hashes.resize(static_cast<size_t>(n));
    hash_rows(kc, hashes.data(), threads);
  }
  parallel_for(parts, static_cast<int>(parts), [&](int64_t p) {
    run_partition(kc, hashes, static_cast<uint32_t>(p), parts, part[static_cast<size_t>(p)]);
  });
  hashes = {};

  // First-appearance order: merge the partitions' (increasing) first rows.
  std::vector<int64_t> first;  // global group -> first row
  std::vector<int64_t> perm;   // global group -> index into the concatenated partition results
  if (parts == 1) {
    first = std::move(part[0].first_rows);
  } else {
    size_t total = 0;
    std::vector<int64_t> base(parts, 0);
    for (uint32_t p = 0; p < parts; ++p) {
      base[p] = static_cast<int64_t>(total);
      total += part[p].first_rows.size();
    }
    first.reserve(total);
    perm.reserve(total);
    using Head = std::pair<int64_t, uint32_t>;  // (first row, partition)
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heap;
    std::vector<size_t> pos(parts, 0);
    for (uint32_t p = 0; p < parts; ++p)
      if (!part[p].first_rows.empty()) heap.emplace(part[p].first_rows[0], p);
    while (!heap.empty()) {
      const auto [row, p] = heap.top();
      heap.pop();
      first.push_back(row);
      perm.push_back(base[p] + static_cast<int64_t>(pos[p]));
      if (++pos[p] < part[p].first_rows.size()) heap.emplace(part[p].first_rows[pos[p]], p);
    }
  }
  const auto groups = static_cast<int64_t>(first.size());

  std::vector<Array> columns;
  for (const Array& k : kc.columns) columns.push_back(take(k, first.data(), groups));
  for (size_t i = 0; i < aggs.size(); ++i) {
    if (parts == 1) {
      columns.push_back(part[0].results[i]);
      continue;
    }
    std::vector<Array> pieces;
    for (auto& pt : part) pieces.push_back(std::move(pt.results[i]));
    columns.push_back(take(concat(pieces), perm.data(), groups));
  }
  return Table(Schema(std::move(fields)), std::move(columns), groups);
}

}  // namespace deeprc::compute
