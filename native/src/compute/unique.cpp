#include "compute/unique.h"

#include "arrow/selection.h"
#include "compute/dedup_engine.h"
#include "compute/dedup_sources.h"
#include "compute/kept_rows.h"
#include "core/error.h"

namespace deeprc::compute {
namespace {

detail::KeepRule rule_of(Keep keep) {
  switch (keep) {
    case Keep::First: return detail::KeepRule::First;
    case Keep::Last: return detail::KeepRule::Last;
    case Keep::None: return detail::KeepRule::Single;
  }
  throw_invalid("unique: keep must be first (0), last (1) or none (2), got " + std::to_string(static_cast<int>(keep)));
}

// Kept rows of one column (fast path for fixed-width types, row hashing otherwise).
KeptRows column_unique(const Array& col, detail::KeepRule rule, int threads) {
  const int64_t n = col.length();
  KeptRows kept;
  if (detail::with_fixed_source(col, nullptr, [&](const auto& src) { kept = detail::dedup(src, n, n, rule, threads); }))
    return kept;
  KeyColumns keys;
  keys.columns = {col};
  keys.names = {"values"};
  keys.num_rows = n;
  detail::RowKeySource src(keys, nullptr, threads);
  return detail::dedup(src, n, n, rule, threads);
}

}  // namespace

KeptRows unique_rows(const Table& table, const std::vector<std::string>& subset, Keep keep, int threads) {
  const detail::KeepRule rule = rule_of(keep);
  threads = resolve_threads(threads);
  std::vector<std::string> names = subset;
  if (names.empty())
    for (const auto& f : table.schema().fields()) names.push_back(f.name);
  const int64_t n = table.num_rows();
  if (names.empty()) return detail::dedup(detail::ConstantSource{}, n, n, rule, threads);  // zero columns
  KeyColumns keys = key_columns(table, names);  // NotFound names an unknown column
  if (keys.columns.size() == 1) return column_unique(keys.columns[0], rule, threads);
  detail::RowKeySource src(keys, nullptr, threads);
  return detail::dedup(src, n, n, rule, threads);
}

std::vector<int64_t> unique_indices(const Table& table, const std::vector<std::string>& subset, Keep keep, int threads) {
  threads = resolve_threads(threads);
  return kept_indices(unique_rows(table, subset, keep, threads), 0, table.num_rows(), threads);
}

Table unique(const Table& table, const std::vector<std::string>& subset, Keep keep, int threads) {
  threads = resolve_threads(threads);
  return gather_kept(table, unique_rows(table, subset, keep, threads), 0, threads);
}

Array distinct_values(const Array& values, int threads) {
  threads = resolve_threads(threads);
  return gather_kept(values, column_unique(values, detail::KeepRule::First, threads), 0, threads);
}

}  // namespace deeprc::compute
