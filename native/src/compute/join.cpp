#include "compute/join.h"

#include "compute/cast.h"
#include "compute/hash_join.h"
#include "compute/join_output.h"
#include "compute/row_keys.h"
#include "compute/sort_merge_join.h"
#include "core/error.h"
#include "core/thread_pool.h"

namespace deeprc::compute {

const char* join_type_name(JoinType t) {
  switch (t) {
    case JoinType::Inner: return "inner";
    case JoinType::Left: return "left";
    case JoinType::Right: return "right";
    case JoinType::Full: return "full";
    case JoinType::Semi: return "semi";
    case JoinType::Anti: return "anti";
  }
  return "?";
}

namespace {

KeyColumns resolve(const Table& t, const std::vector<std::string>& names, const char* side) {
  for (const auto& n : names)
    if (t.schema().index_of(n) < 0) {
      std::string cols;
      for (const auto& f : t.schema().fields()) cols += (cols.empty() ? "" : ", ") + f.name;
      throw_not_found(std::string("join: key column '") + n + "' not found in the " + side + " table (columns: " +
                      cols + ")");
    }
  return key_columns(t, names);
}

// A utf8 key coalesced with a large_utf8 key becomes large_utf8 (other unified types are equal).
Array common_string_kind(const Array& a, const Array& other) {
  if (a.type_id() == TypeId::Utf8 && other.type_id() == TypeId::LargeUtf8) return cast(a, DataType(TypeId::LargeUtf8));
  return a;
}

}  // namespace

Table join(const Table& left, const Table& right, const JoinOptions& in) {
  JoinOptions o = in;
  if (o.right_on.empty()) o.right_on = o.left_on;
  if (o.left_on.empty()) throw_invalid("join: at least one key column is required");
  if (o.left_on.size() != o.right_on.size())
    throw_invalid("join: " + std::to_string(o.left_on.size()) + " left key column(s) but " +
                  std::to_string(o.right_on.size()) + " right key column(s)");
  if (static_cast<int32_t>(o.type) < 0 || static_cast<int32_t>(o.type) > 5)
    throw_invalid("join: unknown join type " + std::to_string(static_cast<int32_t>(o.type)));
  const int threads = resolve_threads(o.num_threads);

  KeyColumns lk = resolve(left, o.left_on, "left");
  KeyColumns rk = resolve(right, o.right_on, "right");
  unify_key_types(lk, rk, o.allow_cast);
  std::vector<OutputColumn> plan = plan_output(left, right, o);  // name errors before any work

  JoinIndices idx;
  switch (o.algorithm) {
    case JoinAlgorithm::Auto:
    case JoinAlgorithm::Hash: idx = hash_join(lk, rk, o.type, threads); break;
    case JoinAlgorithm::SortMerge: idx = sort_merge_join(lk, rk, o.type); break;
    default: throw_invalid("join: unknown algorithm " + std::to_string(static_cast<int32_t>(o.algorithm)));
  }

  std::vector<Field> fields;
  std::vector<Array> cols;
  for (auto& c : plan) {
    switch (c.source) {
      case OutputColumn::Source::Left: cols.push_back(gather_rows(left.column(c.column), idx, false, threads)); break;
      case OutputColumn::Source::Right: cols.push_back(gather_rows(right.column(c.column), idx, true, threads)); break;
      case OutputColumn::Source::Coalesce:
        cols.push_back(gather_coalesce(common_string_kind(lk.columns[c.column], rk.columns[c.column]),
                                       common_string_kind(rk.columns[c.column], lk.columns[c.column]), idx, threads));
        c.field.type = cols.back().type();
        break;
    }
    fields.push_back(c.field);
  }
  const int64_t n = idx.num_rows();
  return Table(Schema(std::move(fields)), std::move(cols), n);
}

}  // namespace deeprc::compute
