#include "compute/sort_merge_join.h"

#include <cmath>
#include <string>

#include "core/error.h"

namespace deeprc::compute {
namespace {

using ColumnCmp = int (*)(const Array&, int64_t, const Array&, int64_t);

template <typename T>
int cmp_fixed(const Array& a, int64_t i, const Array& b, int64_t j) {
  const T x = a.values<T>()[i], y = b.values<T>()[j];
  if constexpr (std::is_floating_point_v<T>) {
    const bool xn = std::isnan(x), yn = std::isnan(y);
    if (xn || yn) return xn == yn ? 0 : (xn ? 1 : -1);  // NaN sorts after +inf
  }
  return x < y ? -1 : (y < x ? 1 : 0);  // -0.0 == 0.0
}

int cmp_bool(const Array& a, int64_t i, const Array& b, int64_t j) {
  return static_cast<int>(a.bool_value(i)) - static_cast<int>(b.bool_value(j));
}

int cmp_string(const Array& a, int64_t i, const Array& b, int64_t j) {
  const int c = a.string_value(i).compare(b.string_value(j));  // char_traits<char>: unsigned bytes
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

ColumnCmp cmp_for(TypeId id) {
  switch (id) {
    case TypeId::Bool: return cmp_bool;
    case TypeId::Int8: return cmp_fixed<int8_t>;
    case TypeId::Int16: return cmp_fixed<int16_t>;
    case TypeId::Int32: case TypeId::Date32: return cmp_fixed<int32_t>;
    case TypeId::Int64: case TypeId::Timestamp: return cmp_fixed<int64_t>;
    case TypeId::UInt8: return cmp_fixed<uint8_t>;
    case TypeId::UInt16: return cmp_fixed<uint16_t>;
    case TypeId::UInt32: return cmp_fixed<uint32_t>;
    case TypeId::UInt64: return cmp_fixed<uint64_t>;
    case TypeId::Float32: return cmp_fixed<float>;
    case TypeId::Float64: return cmp_fixed<double>;
    case TypeId::Utf8: case TypeId::LargeUtf8: return cmp_string;
  }
  throw_internal("sort-merge join: unexpected key type");
}

// Lexicographic comparison of non-null key rows of two key sets with unified types.
class RowCompare {
 public:
  RowCompare(const KeyColumns& a, const KeyColumns& b) : a_(a), b_(b) {
    for (const auto& c : a.columns) cmp_.push_back(cmp_for(c.type_id()));
  }
  int operator()(int64_t i, int64_t j) const {
    for (size_t c = 0; c < cmp_.size(); ++c)
      if (const int r = cmp_[c](a_.columns[c], i, b_.columns[c], j); r != 0) return r;
    return 0;
  }

 private:
  const KeyColumns& a_;
  const KeyColumns& b_;
  std::vector<ColumnCmp> cmp_;
};

std::string key_list(const KeyColumns& k) {
  std::string s;
  for (const auto& n : k.names) s += (s.empty() ? "" : ", ") + n;
  return "[" + s + "]";
}

// Rows with non-null keys, in order; verifies they are sorted.
std::vector<int64_t> sorted_rows(const KeyColumns& k, const char* side, std::vector<int64_t>& null_rows) {
  const RowCompare cmp(k, k);
  std::vector<int64_t> rows;
  rows.reserve(static_cast<size_t>(k.num_rows));
  for (int64_t i = 0; i < k.num_rows; ++i) {
    if (any_null(k, i)) {
      null_rows.push_back(i);
      continue;
    }
    if (!rows.empty() && cmp(rows.back(), i) > 0)
      throw_invalid(std::string("sort-merge join: the ") + side + " input is not sorted by " + key_list(k) + " (row " +
                    std::to_string(i) + " has a smaller key than row " + std::to_string(rows.back()) +
                    "); sort it first or use the hash join");
    rows.push_back(i);
  }
  return rows;
}

}  // namespace

JoinIndices sort_merge_join(const KeyColumns& left, const KeyColumns& right, JoinType type) {
  std::vector<int64_t> lnull, rnull;
  const std::vector<int64_t> L = sorted_rows(left, "left", lnull);
  const std::vector<int64_t> R = sorted_rows(right, "right", rnull);
  const RowCompare lr(left, right), ll(left, left), rr(right, right);
  const bool keep_left = type == JoinType::Left || type == JoinType::Full;
  const bool keep_right = type == JoinType::Right || type == JoinType::Full;
  const bool pairs = type != JoinType::Semi && type != JoinType::Anti;

  JoinIndices out;
  auto& ch = out.chunks.emplace_back();
  auto emit = [&](int64_t l, int64_t r) {
    ch.left.push_back(l);
    if (pairs) ch.right.push_back(r);
  };
  auto left_unmatched = [&](int64_t l) {
    if (keep_left) emit(l, -1);
    else if (type == JoinType::Anti) emit(l, -1);
  };
  size_t i = 0, j = 0;
  while (i < L.size() && j < R.size()) {
    const int c = lr(L[i], R[j]);
    if (c < 0) {
      left_unmatched(L[i++]);
    } else if (c > 0) {
      if (keep_right) emit(-1, R[j]);
      ++j;
    } else {
      size_t i2 = i + 1, j2 = j + 1;
      while (i2 < L.size() && ll(L[i], L[i2]) == 0) ++i2;
      while (j2 < R.size() && rr(R[j], R[j2]) == 0) ++j2;
      for (size_t a = i; a < i2; ++a) {
        if (type == JoinType::Semi) emit(L[a], -1);
        else if (pairs)
          for (size_t b = j; b < j2; ++b) emit(L[a], R[b]);
      }
      i = i2;
      j = j2;
    }
  }
  for (; i < L.size(); ++i) left_unmatched(L[i]);
  for (; j < R.size(); ++j)
    if (keep_right) emit(-1, R[j]);
  for (int64_t l : lnull) left_unmatched(l);
  if (keep_right)
    for (int64_t r : rnull) emit(-1, r);
  return out;
}

}  // namespace deeprc::compute
