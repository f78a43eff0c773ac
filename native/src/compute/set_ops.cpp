#include "compute/set_ops.h"

#include <string>

#include "arrow/selection.h"
#include "compute/dedup_engine.h"
#include "compute/dedup_sources.h"
#include "compute/row_keys.h"
#include "compute/kept_rows.h"
#include "core/error.h"

namespace deeprc::compute {
namespace {

detail::KeepRule rule_of(SetOp op) {
  switch (op) {
    case SetOp::Union: return detail::KeepRule::First;
    case SetOp::Intersect: return detail::KeepRule::FirstIfInB;
    case SetOp::Difference: return detail::KeepRule::FirstIfNotInB;
    case SetOp::UnionAll: break;
  }
  throw_invalid("set operation must be union (0), union_all (1), intersect (2) or difference (3), got " +
                std::to_string(static_cast<int>(op)));
}

// Kept rows of the virtual sequence A ++ B.
KeptRows kept_rows(const Table& a, const Table& b, detail::KeepRule rule, int threads) {
  const int64_t na = a.num_rows(), n = na + b.num_rows();
  if (a.num_columns() == 0) return detail::dedup(detail::ConstantSource{}, n, na, rule, threads);
  KeptRows kept;
  if (a.num_columns() == 1 &&
      detail::with_fixed_source(a.column(0), &b.column(0),
                                [&](const auto& src) { kept = detail::dedup(src, n, na, rule, threads); }))
    return kept;
  std::vector<std::string> names;
  for (const auto& f : a.schema().fields()) names.push_back(f.name);
  KeyColumns ka = key_columns(a, names), kb = key_columns(b, names);
  detail::RowKeySource src(ka, &kb, threads);
  return detail::dedup(src, n, na, rule, threads);
}

}  // namespace

void check_set_op_schemas(const Schema& a, const Schema& b) {
  if (a.num_fields() != b.num_fields())
    throw_invalid("set operation: the tables have different column counts (" + std::to_string(a.num_fields()) +
                  " vs " + std::to_string(b.num_fields()) + ")");
  for (int c = 0; c < a.num_fields(); ++c) {
    const Field& fa = a.field(c);
    const Field& fb = b.field(c);
    if (fa.name != fb.name || fa.type != fb.type)
      throw_invalid("set operation: column " + std::to_string(c) + " differs: '" + fa.name + "' (" +
                    fa.type.to_string() + ") vs '" + fb.name + "' (" + fb.type.to_string() + ")");
  }
}

Table set_op(const Table& a, const Table& b, SetOp op, int threads) {
  check_set_op_schemas(a.schema(), b.schema());
  threads = resolve_threads(threads);
  const Table b_as_a(a.schema(), b.columns(), b.num_rows());  // A's field metadata (nullability)
  if (op == SetOp::UnionAll) return concat({a, b_as_a});
  const KeptRows kept = kept_rows(a, b_as_a, rule_of(op), threads);
  const Table from_a = gather_kept(a, kept, 0, threads);
  if (op != SetOp::Union) return from_a;  // intersect and difference keep rows of A only
  return concat({from_a, gather_kept(b_as_a, kept, a.num_rows(), threads)});
}

}  // namespace deeprc::compute
