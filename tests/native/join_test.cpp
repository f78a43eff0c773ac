// Join tests: every join type and both algorithms against a brute-force nested-loop reference
// written independently here (its own key comparison, its own output naming), on random tables
// with nulls, duplicates, skew, NaN/-0.0, empty and one-row inputs; plus properties, naming,
// errors and the C ABI.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <tuple>

#include "arrow/builder.h"
#include "arrow/selection.h"
#include "capi/capi_util.h"
#include "compute/join.h"
#include "core/error.h"
#include "deeprc/deeprc.h"

using namespace deeprc;
using namespace deeprc::compute;

namespace {

constexpr JoinType kAllTypes[] = {JoinType::Inner, JoinType::Left, JoinType::Right,
                                  JoinType::Full,  JoinType::Semi, JoinType::Anti};

// ---- Random data -------------------------------------------------------------------------------

DataType ts_ms() { return DataType::timestamp(TimeUnit::Milli); }

// A column of n values from a small domain (duplicates), ~null_pct% nulls, ~skew_pct% one value.
Array random_column(std::mt19937_64& rng, const DataType& type, int64_t n, int domain, int null_pct, int skew_pct) {
  auto pick = [&]() -> int64_t { return static_cast<int>(rng() % 100) < skew_pct ? 0 : static_cast<int64_t>(rng() % static_cast<uint64_t>(domain)); };
  auto is_null = [&] { return static_cast<int>(rng() % 100) < null_pct; };
  static const char* pool[] = {"", "a", "b", "ab", "é", "日本", "Zürich", "a b", "\xff"};
  switch (type.id) {
    case TypeId::Bool: {
      BoolBuilder b;
      for (int64_t i = 0; i < n; ++i) is_null() ? b.append_null() : b.append(pick() % 2 == 1);
      return b.finish();
    }
    case TypeId::Utf8: case TypeId::LargeUtf8: {
      StringBuilder b{type};
      for (int64_t i = 0; i < n; ++i) {
        if (is_null()) b.append_null();
        else {
          const int64_t v = pick();
          b.append(v < 9 ? std::string(pool[v]) : "s" + std::to_string(v));
        }
      }
      return b.finish();
    }
    case TypeId::Float32: case TypeId::Float64: {
      const double specials[] = {std::nan(""), -0.0, 0.0, INFINITY, -INFINITY, -std::nan("")};
      auto value = [&]() -> double {
        const int64_t v = pick();
        return v < 6 ? specials[v] : static_cast<double>(v) / 2;
      };
      if (type.id == TypeId::Float32) {
        PrimitiveBuilder<float> b(type);
        for (int64_t i = 0; i < n; ++i) is_null() ? b.append_null() : b.append(static_cast<float>(value()));
        return b.finish();
      }
      PrimitiveBuilder<double> b(type);
      for (int64_t i = 0; i < n; ++i) is_null() ? b.append_null() : b.append(value());
      return b.finish();
    }
    default: break;
  }
  auto ints = [&]<typename T>(T base) {
    PrimitiveBuilder<T> b(type);
    for (int64_t i = 0; i < n; ++i) is_null() ? b.append_null() : b.append(static_cast<T>(base + static_cast<T>(pick())));
    return b.finish();
  };
  switch (type.id) {
    case TypeId::Int8: return ints(int8_t{-3});
    case TypeId::Int16: return ints(int16_t{-300});
    case TypeId::Int32: case TypeId::Date32: return ints(int32_t{-5});
    case TypeId::Int64: case TypeId::Timestamp: return ints(int64_t{-1'000'000'000'000});
    case TypeId::UInt8: return ints(uint8_t{200});
    case TypeId::UInt16: return ints(uint16_t{60000});
    case TypeId::UInt32: return ints(uint32_t{4'000'000'000u});
    case TypeId::UInt64: return ints(uint64_t{18'000'000'000'000'000'000ull});
    default: break;
  }
  ADD_FAILURE() << "unexpected type";
  return {};
}

struct ColSpec {
  std::string name;
  DataType type;
  int domain;
  int skew_pct = 30;  // share of rows with the first domain value (skewed keys)
};

Table random_table(std::mt19937_64& rng, const std::vector<ColSpec>& spec, int64_t n, int null_pct) {
  std::vector<Field> fields;
  std::vector<Array> cols;
  for (const auto& s : spec) {
    fields.push_back({s.name, s.type, true});
    cols.push_back(random_column(rng, s.type, n, s.domain, null_pct, s.skew_pct));
  }
  return Table(Schema(fields), cols, n);
}

// ---- Reference ---------------------------------------------------------------------------------

// A key cell as a comparable value: (is_nan, numeric value, bytes). long double holds every int64
// and uint64 exactly, so integer keys of different widths compare by value.
using KeyCell = std::tuple<int, long double, std::string>;

std::optional<KeyCell> key_cell(const Array& a, int64_t i) {
  if (a.is_null(i)) return std::nullopt;
  auto num = [](long double v) { return KeyCell{0, v == 0 ? 0.0L : v, ""}; };  // -0 == 0
  switch (a.type_id()) {
    case TypeId::Bool: return num(a.bool_value(i) ? 1 : 0);
    case TypeId::Int8: return num(a.values<int8_t>()[i]);
    case TypeId::Int16: return num(a.values<int16_t>()[i]);
    case TypeId::Int32: case TypeId::Date32: return num(a.values<int32_t>()[i]);
    case TypeId::Int64: case TypeId::Timestamp: return num(static_cast<long double>(a.values<int64_t>()[i]));
    case TypeId::UInt8: return num(a.values<uint8_t>()[i]);
    case TypeId::UInt16: return num(a.values<uint16_t>()[i]);
    case TypeId::UInt32: return num(a.values<uint32_t>()[i]);
    case TypeId::UInt64: return num(static_cast<long double>(a.values<uint64_t>()[i]));
    case TypeId::Float32: {
      const float f = a.values<float>()[i];
      return std::isnan(f) ? KeyCell{1, 0, ""} : num(f);
    }
    case TypeId::Float64: {
      const double f = a.values<double>()[i];
      return std::isnan(f) ? KeyCell{1, 0, ""} : num(f);
    }
    case TypeId::Utf8: case TypeId::LargeUtf8: return KeyCell{2, 0, std::string(a.string_value(i))};
  }
  return std::nullopt;
}

// The key tuple of a row, or nullopt when any key is null.
std::optional<std::vector<KeyCell>> key_row(const Table& t, const std::vector<std::string>& on, int64_t i) {
  std::vector<KeyCell> k;
  for (const auto& n : on) {
    auto c = key_cell(t.column(n), i);
    if (!c) return std::nullopt;
    k.push_back(*c);
  }
  return k;
}

using Rows = std::vector<std::string>;

std::string cell(const Array& a, int64_t i) { return i < 0 ? "null" : a.format_value(i); }

struct RefResult {
  std::vector<std::string> names;
  Rows rows;  // sorted
};

RefResult reference(const Table& l, const Table& r, const std::vector<std::string>& lon,
                    const std::vector<std::string>& ron, JoinType type, const std::string& sx = "_x",
                    const std::string& sy = "_y") {
  const int64_t nl = l.num_rows(), nr = r.num_rows();
  std::vector<std::pair<int64_t, int64_t>> pairs;
  std::vector<bool> lm(static_cast<size_t>(nl)), rm(static_cast<size_t>(nr));
  for (int64_t i = 0; i < nl; ++i) {
    auto ki = key_row(l, lon, i);
    for (int64_t j = 0; j < nr; ++j) {
      auto kj = key_row(r, ron, j);
      if (ki && kj && *ki == *kj) {
        pairs.emplace_back(i, j);
        lm[i] = rm[j] = true;
      }
    }
  }
  const bool semi_anti = type == JoinType::Semi || type == JoinType::Anti;
  if (semi_anti) {
    pairs.clear();
    for (int64_t i = 0; i < nl; ++i)
      if (lm[i] == (type == JoinType::Semi)) pairs.emplace_back(i, -1);
  } else {
    if (type == JoinType::Left || type == JoinType::Full)
      for (int64_t i = 0; i < nl; ++i)
        if (!lm[i]) pairs.emplace_back(i, -1);
    if (type == JoinType::Right || type == JoinType::Full)
      for (int64_t j = 0; j < nr; ++j)
        if (!rm[j]) pairs.emplace_back(-1, j);
  }
  // Output naming, written from the specification.
  std::set<std::string> shared;
  for (size_t k = 0; k < lon.size(); ++k)
    if (lon[k] == ron[k]) shared.insert(lon[k]);
  RefResult res;
  std::set<std::string> lnames, rnames;
  for (const auto& f : l.schema().fields()) lnames.insert(f.name);
  for (const auto& f : r.schema().fields())
    if (!shared.contains(f.name)) rnames.insert(f.name);
  for (const auto& f : l.schema().fields())
    res.names.push_back(semi_anti || shared.contains(f.name) || !rnames.contains(f.name) ? f.name : f.name + sx);
  if (!semi_anti)
    for (const auto& f : r.schema().fields())
      if (!shared.contains(f.name)) res.names.push_back(lnames.contains(f.name) ? f.name + sy : f.name);
  for (auto [i, j] : pairs) {
    std::string row;
    for (const auto& f : l.schema().fields()) {
      std::string v;
      if (!semi_anti && shared.contains(f.name)) {
        const Array& lc = l.column(f.name);
        const Array& rc = r.column(f.name);
        if (type == JoinType::Right) v = cell(rc, j);
        else if (type == JoinType::Full) v = i >= 0 ? cell(lc, i) : cell(rc, j);
        else v = cell(lc, i);
      } else {
        v = cell(l.column(f.name), i);
      }
      row += v + "|";
    }
    if (!semi_anti)
      for (const auto& f : r.schema().fields())
        if (!shared.contains(f.name)) row += cell(r.column(f.name), j) + "|";
    res.rows.push_back(row);
  }
  std::sort(res.rows.begin(), res.rows.end());
  return res;
}

Rows rows_of(const Table& t) {
  Rows rows;
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    std::string row;
    for (const auto& c : t.columns()) row += c.format_value(i) + "|";
    rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<std::string> names_of(const Table& t) {
  std::vector<std::string> n;
  for (const auto& f : t.schema().fields()) n.push_back(f.name);
  return n;
}

// Sorts a table by its key columns (rows with a null key first), for the sort-merge join.
Table sorted_by(const Table& t, const std::vector<std::string>& on) {
  std::vector<int64_t> perm(static_cast<size_t>(t.num_rows()));
  std::iota(perm.begin(), perm.end(), 0);
  std::vector<std::optional<std::vector<KeyCell>>> keys;
  for (int64_t i = 0; i < t.num_rows(); ++i) keys.push_back(key_row(t, on, i));
  std::stable_sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) { return keys[a] < keys[b]; });
  return take(t, perm.data(), static_cast<int64_t>(perm.size()));
}

JoinOptions opts(JoinType type, std::vector<std::string> lon, std::vector<std::string> ron = {},
                 JoinAlgorithm alg = JoinAlgorithm::Hash, int threads = 1) {
  JoinOptions o;
  o.type = type;
  o.left_on = std::move(lon);
  o.right_on = std::move(ron);
  o.algorithm = alg;
  o.num_threads = threads;
  return o;
}

void expect_matches_reference(const Table& l, const Table& r, const JoinOptions& o, const std::string& what) {
  const auto ron = o.right_on.empty() ? o.left_on : o.right_on;
  const RefResult ref = reference(l, r, o.left_on, ron, o.type, o.left_suffix, o.right_suffix);
  const Table out = join(l, r, o);
  ASSERT_EQ(names_of(out), ref.names) << what;
  ASSERT_EQ(out.num_rows(), static_cast<int64_t>(ref.rows.size())) << what;
  ASSERT_EQ(rows_of(out), ref.rows) << what;
}

const int64_t kSizes[] = {0, 1, 2, 7, 40, 150};

}  // namespace

// ---- Differential tests ------------------------------------------------------------------------

TEST(JoinRandom, MultiKeyStringAndIntEveryTypeBothAlgorithms) {
  for (uint64_t seed = 0; seed < 40; ++seed) {
    std::mt19937_64 rng(seed);
    const int64_t nl = kSizes[rng() % 6], nr = kSizes[rng() % 6];
    const DataType sl = rng() % 2 ? TypeId::Utf8 : TypeId::LargeUtf8;
    const DataType sr = rng() % 2 ? TypeId::Utf8 : TypeId::LargeUtf8;
    const int domain = 2 + static_cast<int>(rng() % 12);
    Table l = random_table(rng, {{"k", TypeId::Int64, domain}, {"s", sl, 4}, {"v", TypeId::Float64, 1000}, {"a", TypeId::Int32, 50}}, nl, 15);
    Table r = random_table(rng, {{"s", sr, 4}, {"k", TypeId::Int64, domain}, {"v", TypeId::Utf8, 1000}, {"b", TypeId::Bool, 2}}, nr, 15);
    for (JoinType t : kAllTypes) {
      const std::string what = "seed " + std::to_string(seed) + " " + join_type_name(t);
      expect_matches_reference(l, r, opts(t, {"k", "s"}, {}, JoinAlgorithm::Hash, 1 + static_cast<int>(seed % 3)), what);
      expect_matches_reference(sorted_by(l, {"k", "s"}), sorted_by(r, {"k", "s"}),
                               opts(t, {"k", "s"}, {}, JoinAlgorithm::SortMerge), what + " sort-merge");
    }
  }
}

TEST(JoinRandom, EverySingleKeyType) {
  const DataType types[] = {TypeId::Int8,  TypeId::Int16,   TypeId::Int32,   TypeId::Int64,     TypeId::UInt8,
                            TypeId::UInt16, TypeId::UInt32, TypeId::UInt64,  TypeId::Float32,   TypeId::Float64,
                            TypeId::Bool,  TypeId::Date32,  ts_ms(),         TypeId::Utf8,      TypeId::LargeUtf8};
  for (const auto& type : types)
    for (uint64_t seed = 0; seed < 12; ++seed) {
      std::mt19937_64 rng(seed * 31 + static_cast<uint64_t>(type.id));
      const int64_t nl = kSizes[rng() % 6], nr = kSizes[rng() % 6];
      const int domain = 1 + static_cast<int>(rng() % 15);
      Table l = random_table(rng, {{"key", type, domain}, {"lv", TypeId::Int64, 1000}}, nl, 20);
      Table r = random_table(rng, {{"rv", TypeId::Utf8, 1000}, {"key", type, domain}}, nr, 20);
      for (JoinType t : kAllTypes) {
        const std::string what = type.to_string() + " seed " + std::to_string(seed) + " " + join_type_name(t);
        expect_matches_reference(l, r, opts(t, {"key"}, {}, JoinAlgorithm::Hash, 2), what);
        expect_matches_reference(sorted_by(l, {"key"}), sorted_by(r, {"key"}), opts(t, {"key"}, {}, JoinAlgorithm::SortMerge),
                                 what + " sort-merge");
      }
    }
}

TEST(JoinRandom, DifferentKeyNamesKeepBothKeyColumns) {
  for (uint64_t seed = 0; seed < 15; ++seed) {
    std::mt19937_64 rng(seed + 100);
    Table l = random_table(rng, {{"a", TypeId::Int32, 6}, {"x", TypeId::Utf8, 5}}, kSizes[rng() % 6], 10);
    Table r = random_table(rng, {{"b", TypeId::Int32, 6}, {"x", TypeId::LargeUtf8, 5}, {"a", TypeId::Float64, 9}}, kSizes[rng() % 6], 10);
    for (JoinType t : kAllTypes) {
      expect_matches_reference(l, r, opts(t, {"a"}, {"b"}), "seed " + std::to_string(seed));
      // Keys crossed: left x = right x (string kinds differ) and left a = right b.
      expect_matches_reference(l, r, opts(t, {"x", "a"}, {"x", "b"}), "crossed seed " + std::to_string(seed));
    }
  }
}

TEST(JoinRandom, CastKeysOfDifferentWidths) {
  for (uint64_t seed = 0; seed < 10; ++seed) {
    std::mt19937_64 rng(seed + 7);
    Table l = random_table(rng, {{"k", TypeId::Int32, 8}}, kSizes[rng() % 6], 10);
    Table r = random_table(rng, {{"j", TypeId::Int64, 8}, {"w", TypeId::UInt8, 9}}, kSizes[rng() % 6], 10);
    for (JoinType t : kAllTypes) {
      auto o = opts(t, {"k"}, {"j"});
      o.allow_cast = true;
      expect_matches_reference(l, r, o, "seed " + std::to_string(seed));
    }
  }
}

TEST(JoinRandom, ThreadCountsAndAlgorithmsGiveIdenticalResultsAcrossChunks) {
  // Large enough for several 64K-row chunks and partitions; results must be identical tables
  // (the hash join's order is deterministic) for every thread count.
  std::mt19937_64 rng(5);
  Table l = random_table(rng, {{"k", TypeId::Int64, 50000, 0}, {"v", TypeId::Float64, 100}}, 100000, 2);
  Table r = random_table(rng, {{"k", TypeId::Int64, 50000, 0}, {"w", TypeId::Int32, 100}}, 90000, 2);
  const Table ls = sorted_by(l, {"k"}), rs = sorted_by(r, {"k"});
  for (JoinType t : kAllTypes) {
    const Table one = join(l, r, opts(t, {"k"}, {}, JoinAlgorithm::Hash, 1));
    for (int threads : {2, 3}) EXPECT_TRUE(one.equals(join(l, r, opts(t, {"k"}, {}, JoinAlgorithm::Hash, threads)))) << join_type_name(t);
    const Table sm = join(ls, rs, opts(t, {"k"}, {}, JoinAlgorithm::SortMerge));
    EXPECT_EQ(rows_of(sm), rows_of(one)) << join_type_name(t);
    // Swapped sizes exercise the build-on-the-left paths.
    const Table swapped = join(r.slice(0, 1000), l, opts(t, {"k"}, {}, JoinAlgorithm::Hash, 2));
    EXPECT_EQ(rows_of(swapped), rows_of(join(r.slice(0, 1000), l, opts(t, {"k"}, {}, JoinAlgorithm::Hash, 1))));
  }
  // Multi-key generic path over several chunks.
  Table l2 = random_table(rng, {{"k", TypeId::Int64, 300, 0}, {"s", TypeId::Utf8, 200, 0}}, 100000, 2);
  Table r2 = random_table(rng, {{"k", TypeId::Int64, 300, 0}, {"s", TypeId::Utf8, 200, 0}}, 70000, 2);
  EXPECT_TRUE(join(l2, r2, opts(JoinType::Full, {"k", "s"}, {}, JoinAlgorithm::Hash, 1))
                  .equals(join(l2, r2, opts(JoinType::Full, {"k", "s"}, {}, JoinAlgorithm::Hash, 2))));
}

TEST(JoinProperty, InnerCountIsSumOfMultiplicityProducts) {
  for (uint64_t seed = 0; seed < 30; ++seed) {
    std::mt19937_64 rng(seed + 1000);
    const int64_t nl = static_cast<int64_t>(rng() % 2000), nr = static_cast<int64_t>(rng() % 2000);
    const int domain = 1 + static_cast<int>(rng() % 500);
    Table l = random_table(rng, {{"k", TypeId::Int64, domain}}, nl, 5);
    Table r = random_table(rng, {{"k", TypeId::Int64, domain}}, nr, 5);
    std::map<int64_t, int64_t> ml, mr;
    for (int64_t i = 0; i < nl; ++i)
      if (l.column(0).is_valid(i)) ++ml[l.column(0).values<int64_t>()[i]];
    for (int64_t i = 0; i < nr; ++i)
      if (r.column(0).is_valid(i)) ++mr[r.column(0).values<int64_t>()[i]];
    int64_t expected = 0, semi = 0;
    for (auto [k, c] : ml)
      if (mr.contains(k)) {
        expected += c * mr[k];
        semi += c;
      }
    const Table in = join(l, r, opts(JoinType::Inner, {"k"}, {}, JoinAlgorithm::Auto, 2));
    EXPECT_EQ(in.num_rows(), expected);
    EXPECT_EQ(join(l, r, opts(JoinType::Semi, {"k"})).num_rows(), semi);
    EXPECT_EQ(join(l, r, opts(JoinType::Anti, {"k"})).num_rows(), nl - semi);
    // Matched keys are equal and never null.
    const Table both = join(l, r, opts(JoinType::Inner, {"k"}, {"k"}));
    EXPECT_EQ(both.column(0).null_count(), 0);
  }
}

TEST(JoinEdge, NullKeysNeverMatchAndOuterRowsKeepThem) {
  PrimitiveBuilder<int64_t> a(TypeId::Int64), b(TypeId::Int64);
  a.append_null();
  a.append(1);
  b.append_null();
  b.append(1);
  Table l(Schema({{"k", TypeId::Int64}}), {a.finish()});
  Table r(Schema({{"k", TypeId::Int64}}), {b.finish()});
  EXPECT_EQ(join(l, r, opts(JoinType::Inner, {"k"})).num_rows(), 1);
  const Table full = join(l, r, opts(JoinType::Full, {"k"}));
  EXPECT_EQ(full.num_rows(), 3);
  EXPECT_EQ(full.column(0).null_count(), 2);  // coalesced key: null from both sides' null-key rows
  EXPECT_EQ(join(l, r, opts(JoinType::Anti, {"k"})).num_rows(), 1);
}

TEST(JoinNaming, SuffixesAndCollisions) {
  auto t = [](std::vector<std::string> names) {
    std::vector<Field> f;
    std::vector<Array> c;
    for (auto& n : names) {
      PrimitiveBuilder<int64_t> b(TypeId::Int64);
      b.append(1);
      f.push_back({n, TypeId::Int64});
      c.push_back(b.finish());
    }
    return Table(Schema(f), c);
  };
  const Table l = t({"k", "v", "w"}), r = t({"v", "k", "z"});
  EXPECT_EQ(names_of(join(l, r, opts(JoinType::Inner, {"k"}))), (std::vector<std::string>{"k", "v_x", "w", "v_y", "z"}));
  EXPECT_EQ(names_of(join(l, r, opts(JoinType::Right, {"k"}))), (std::vector<std::string>{"k", "v_x", "w", "v_y", "z"}));
  EXPECT_EQ(names_of(join(l, r, opts(JoinType::Semi, {"k"}))), (std::vector<std::string>{"k", "v", "w"}));
  auto o = opts(JoinType::Left, {"k"});
  o.left_suffix = "_l";
  o.right_suffix = "_r";
  EXPECT_EQ(names_of(join(l, r, o)), (std::vector<std::string>{"k", "v_l", "w", "v_r", "z"}));
  // Different key names: both key columns kept; v on both sides suffixed, and the left key k vs right k.
  EXPECT_EQ(names_of(join(l, r, opts(JoinType::Inner, {"v"}, {"z"}))),
            (std::vector<std::string>{"k_x", "v_x", "w", "v_y", "k_y", "z"}));
  // A suffixed name that still collides is an error naming it.
  const Table l2 = t({"k", "v", "v_x"});
  try {
    join(l2, r, opts(JoinType::Inner, {"k"}));
    FAIL() << "expected a collision error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Invalid);
    EXPECT_NE(std::string(e.what()).find("'v_x'"), std::string::npos) << e.what();
  }
  // Empty suffixes cannot resolve a collision.
  auto e = opts(JoinType::Inner, {"k"});
  e.left_suffix = e.right_suffix = "";
  EXPECT_THROW(join(l, r, e), Error);
}

TEST(JoinErrors, ClearMessages) {
  std::mt19937_64 rng(1);
  Table l = random_table(rng, {{"k", TypeId::Int32, 5}, {"s", TypeId::Utf8, 5}}, 10, 0);
  Table r = random_table(rng, {{"k", TypeId::Int64, 5}, {"s", TypeId::Utf8, 5}}, 10, 0);
  auto expect_error = [&](const JoinOptions& o, ErrorCode code, std::vector<std::string> parts) {
    try {
      join(l, r, o);
      ADD_FAILURE() << "expected an error";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), code) << e.what();
      for (const auto& p : parts) EXPECT_NE(std::string(e.what()).find(p), std::string::npos) << e.what() << " lacks " << p;
    }
  };
  expect_error(opts(JoinType::Inner, {"nope"}), ErrorCode::NotFound, {"'nope'", "left"});
  expect_error(opts(JoinType::Inner, {"s"}, {"missing"}), ErrorCode::NotFound, {"'missing'", "right"});
  expect_error(opts(JoinType::Inner, {"k"}), ErrorCode::Invalid, {"'k'", "int32", "int64"});
  expect_error(opts(JoinType::Inner, {"k"}, {"s"}), ErrorCode::Invalid, {"'k'", "'s'"});
  expect_error(opts(JoinType::Inner, {"k", "s"}, {"k"}), ErrorCode::Invalid, {"2 left", "1 right"});
  expect_error(opts(JoinType::Inner, {}), ErrorCode::Invalid, {"key"});
  auto cast = opts(JoinType::Inner, {"k"});
  cast.allow_cast = true;
  EXPECT_NO_THROW(join(l, r, cast));
  auto cast_str = opts(JoinType::Inner, {"k"}, {"s"});
  cast_str.allow_cast = true;
  expect_error(cast_str, ErrorCode::Invalid, {"'k'", "'s'"});  // strings are not cast to numbers
  // Unsorted input to the sort-merge join.
  PrimitiveBuilder<int64_t> b(TypeId::Int64);
  for (int64_t v : {1, 3, 2}) b.append(v);
  Table u(Schema({{"k", TypeId::Int64}}), {b.finish()});
  try {
    join(u, u, opts(JoinType::Inner, {"k"}, {}, JoinAlgorithm::SortMerge));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Invalid);
    EXPECT_NE(std::string(e.what()).find("not sorted"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("row 2"), std::string::npos) << e.what();
  }
}

TEST(JoinEdge, EmptyTables) {
  std::mt19937_64 rng(3);
  Table l = random_table(rng, {{"k", TypeId::Utf8, 5}, {"v", TypeId::Bool, 2}}, 0, 0);
  Table r = random_table(rng, {{"k", TypeId::Utf8, 5}}, 5, 0);
  for (JoinType t : kAllTypes) {
    expect_matches_reference(l, r, opts(t, {"k"}), "empty left");
    expect_matches_reference(r, l, opts(t, {"k"}), "empty right");
    expect_matches_reference(l, l, opts(t, {"k"}, {}, JoinAlgorithm::SortMerge), "both empty");
  }
}

// ---- C ABI -------------------------------------------------------------------------------------

TEST(JoinCApi, OptionsInitJoinAndStatuses) {
  drc_join_options o;
  drc_join_options_init(&o);
  EXPECT_EQ(o.type, DRC_JOIN_INNER);
  EXPECT_EQ(o.algorithm, DRC_JOIN_ALGORITHM_AUTO);
  EXPECT_STREQ(o.left_suffix, "_x");
  EXPECT_STREQ(o.right_suffix, "_y");
  EXPECT_EQ(o.num_threads, 0);

  std::mt19937_64 rng(9);
  drc_table lt{random_table(rng, {{"k", TypeId::Int64, 5}, {"v", TypeId::Float64, 9}}, 30, 10)};
  drc_table rt{random_table(rng, {{"k", TypeId::Int64, 5}, {"v", TypeId::Float64, 9}}, 20, 10)};
  const char* on[] = {"k"};
  o.left_on = on;
  o.num_keys = 1;
  o.type = DRC_JOIN_LEFT;
  drc_table* out = nullptr;
  ASSERT_EQ(drc_table_join(&lt, &rt, &o, &out), nullptr);
  EXPECT_EQ(rows_of(out->table), reference(lt.table, rt.table, {"k"}, {"k"}, JoinType::Left).rows);
  drc_table_free(out);

  auto status_of = [&](drc_status* s) {
    const int32_t c = s ? drc_status_code(s) : 0;
    std::string m = s ? drc_status_message(s) : "";
    drc_status_free(s);
    return std::make_pair(c, m);
  };
  EXPECT_EQ(status_of(drc_table_join(nullptr, &rt, &o, &out)).first, DRC_STATUS_INVALID);
  EXPECT_EQ(status_of(drc_table_join(&lt, &rt, &o, nullptr)).first, DRC_STATUS_INVALID);
  const char* bad[] = {"nope"};
  o.left_on = bad;
  auto [code, msg] = status_of(drc_table_join(&lt, &rt, &o, &out));
  EXPECT_EQ(code, DRC_STATUS_NOT_FOUND);
  EXPECT_NE(msg.find("nope"), std::string::npos);
  o.left_on = on;
  o.type = 17;
  EXPECT_EQ(status_of(drc_table_join(&lt, &rt, &o, &out)).first, DRC_STATUS_INVALID);
  o.type = DRC_JOIN_INNER;
  o.algorithm = 9;
  EXPECT_EQ(status_of(drc_table_join(&lt, &rt, &o, &out)).first, DRC_STATUS_INVALID);
  o.algorithm = DRC_JOIN_ALGORITHM_AUTO;
  o.num_keys = 0;
  EXPECT_EQ(status_of(drc_table_join(&lt, &rt, &o, &out)).first, DRC_STATUS_INVALID);
  o.num_keys = 1;
  o.left_on = nullptr;
  EXPECT_EQ(status_of(drc_table_join(&lt, &rt, &o, &out)).first, DRC_STATUS_INVALID);
  // NULL options: invalid because keys are required.
  EXPECT_EQ(status_of(drc_table_join(&lt, &rt, nullptr, &out)).first, DRC_STATUS_INVALID);
  // right_on with a different name, semi join.
  const char* ron[] = {"v"};
  o.left_on = on;
  o.right_on = ron;
  o.type = DRC_JOIN_SEMI;
  o.allow_cast = 1;
  ASSERT_EQ(drc_table_join(&lt, &rt, &o, &out), nullptr);
  EXPECT_EQ(out->table.num_columns(), 2);
  drc_table_free(out);
}
