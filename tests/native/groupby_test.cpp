// Groupby and scalar aggregates: differential tests against a brute-force reference written
// independently here (std::map over normalised key strings, long double accumulation, full sorts),
// identical output for every thread count, error cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "arrow/builder.h"
#include "compute/aggregate.h"
#include "compute/groupby.h"
#include "core/error.h"

using namespace deeprc;
using namespace deeprc::compute;

namespace {

// ---------------------------------------------------------------- random tables
struct Gen {
  std::mt19937_64 rng;
  double null_rate;
  bool specials;  // NaN / ±inf / -0.0 in floats
  uint64_t u(uint64_t m) { return rng() % m; }
  bool null() { return std::uniform_real_distribution<double>(0, 1)(rng) < null_rate; }
  // Skewed small-range integer: half the rows hit key 0.
  int64_t skewed(int64_t m) { return u(2) ? 0 : static_cast<int64_t>(u(static_cast<uint64_t>(m))) - m / 3; }
  double special_double(double normal) {
    if (!specials) return normal;
    switch (u(12)) {
      case 0: return std::nan("");
      case 1: return HUGE_VAL;
      case 2: return -HUGE_VAL;
      case 3: return -0.0;
      case 4: return 0.0;
      default: return normal;
    }
  }
};

const std::vector<std::string> kStrings = {"", "a", "b", "ab", "é", "日本", "ü\xc3\xa4", "a\n,\"q\"", "zz", "Ωmega"};

Table random_table(uint64_t seed, int64_t n) {
  Gen g{std::mt19937_64(seed), (seed % 3 == 0) ? 0.0 : 0.15, seed % 2 == 0};
  const int64_t range = 1 + static_cast<int64_t>(g.u(40));
  PrimitiveBuilder<int64_t> k_int(DataType(TypeId::Int64));
  StringBuilder k_str(DataType(seed % 4 == 1 ? TypeId::LargeUtf8 : TypeId::Utf8));
  PrimitiveBuilder<double> k_f(DataType(TypeId::Float64));
  PrimitiveBuilder<int32_t> k_i32(DataType(TypeId::Int32));
  BoolBuilder k_bool;
  PrimitiveBuilder<int32_t> k_date(DataType(TypeId::Date32));
  PrimitiveBuilder<uint8_t> k_u8(DataType(TypeId::UInt8));
  PrimitiveBuilder<float> k_f32(DataType(TypeId::Float32));
  PrimitiveBuilder<double> v_f(DataType(TypeId::Float64));
  PrimitiveBuilder<double> v_big(DataType(TypeId::Float64));  // large offset: tests variance soundness
  PrimitiveBuilder<int32_t> v_i(DataType(TypeId::Int32));
  PrimitiveBuilder<int64_t> v_i64(DataType(TypeId::Int64));
  PrimitiveBuilder<uint16_t> v_u(DataType(TypeId::UInt16));
  PrimitiveBuilder<float> v_f32(DataType(TypeId::Float32));
  StringBuilder v_s(DataType(TypeId::Utf8));
  PrimitiveBuilder<int64_t> v_ts(DataType::timestamp(TimeUnit::Milli, "UTC"));
  BoolBuilder v_b;
  for (int64_t i = 0; i < n; ++i) {
    g.null() ? k_int.append_null() : k_int.append(g.skewed(range));
    g.null() ? k_str.append_null() : k_str.append(kStrings[g.u(kStrings.size())]);
    g.null() ? k_f.append_null() : k_f.append(g.special_double(static_cast<double>(g.u(5)) * 0.5));
    g.null() ? k_i32.append_null() : k_i32.append(static_cast<int32_t>(g.skewed(range)));
    g.null() ? k_bool.append_null() : k_bool.append(g.u(2) == 1);
    g.null() ? k_date.append_null() : k_date.append(static_cast<int32_t>(18000 + g.u(4)));
    g.null() ? k_u8.append_null() : k_u8.append(static_cast<uint8_t>(g.u(7) + 250 - 6));
    g.null() ? k_f32.append_null() : k_f32.append(static_cast<float>(g.special_double(static_cast<double>(g.u(3)))));
    g.null() ? v_f.append_null() : v_f.append(g.special_double(std::normal_distribution<double>(3, 100)(g.rng)));
    g.null() ? v_big.append_null() : v_big.append(1e9 + std::normal_distribution<double>(0, 1)(g.rng));
    g.null() ? v_i.append_null() : v_i.append(static_cast<int32_t>(g.u(2000001)) - 1000000);
    g.null() ? v_i64.append_null() : v_i64.append(static_cast<int64_t>(g.rng() >> 13) - (int64_t{1} << 50));
    g.null() ? v_u.append_null() : v_u.append(static_cast<uint16_t>(g.u(65536)));
    g.null() ? v_f32.append_null() : v_f32.append(static_cast<float>(g.special_double(static_cast<double>(g.u(1000)) / 7)));
    g.null() ? v_s.append_null() : v_s.append(kStrings[g.u(kStrings.size())]);
    g.null() ? v_ts.append_null() : v_ts.append(1'600'000'000'000LL + static_cast<int64_t>(g.u(1000)));
    g.null() ? v_b.append_null() : v_b.append(g.u(3) == 0);
  }
  Schema s({{"k_int", DataType(TypeId::Int64)},      {"k_str", k_str.type()},
            {"k_f", DataType(TypeId::Float64)},      {"k_i32", DataType(TypeId::Int32)},
            {"k_bool", DataType(TypeId::Bool)},      {"k_date", DataType(TypeId::Date32)},
            {"k_u8", DataType(TypeId::UInt8)},       {"k_f32", DataType(TypeId::Float32)},
            {"v_f", DataType(TypeId::Float64)},      {"v_big", DataType(TypeId::Float64)},
            {"v_i", DataType(TypeId::Int32)},        {"v_i64", DataType(TypeId::Int64)},
            {"v_u", DataType(TypeId::UInt16)},       {"v_f32", DataType(TypeId::Float32)},
            {"v_s", DataType(TypeId::Utf8)},         {"v_ts", DataType::timestamp(TimeUnit::Milli, "UTC")},
            {"v_b", DataType(TypeId::Bool)}});
  return Table(s, {k_int.finish(), k_str.finish(), k_f.finish(), k_i32.finish(), k_bool.finish(), k_date.finish(),
                   k_u8.finish(), k_f32.finish(), v_f.finish(), v_big.finish(), v_i.finish(), v_i64.finish(),
                   v_u.finish(), v_f32.finish(), v_s.finish(), v_ts.finish(), v_b.finish()});
}

// ---------------------------------------------------------------- reference
// A canonical token per key cell: nulls, NaNs and ±0 normalised; strings by bytes.
std::string key_token(const Array& a, int64_t i) {
  if (a.is_null(i)) return "N";
  switch (a.type_id()) {
    case TypeId::Float64: case TypeId::Float32: {
      const double d = a.type_id() == TypeId::Float64 ? a.values<double>()[i] : a.values<float>()[i];
      if (std::isnan(d)) return "F:nan";
      char buf[64];
      std::snprintf(buf, sizeof buf, "F:%a", d == 0 ? 0.0 : d);
      return buf;
    }
    case TypeId::Utf8: case TypeId::LargeUtf8: {
      const auto s = a.string_value(i);
      return "S" + std::to_string(s.size()) + ":" + std::string(s);
    }
    default: return "V:" + a.format_value(i);
  }
}

bool is_float(TypeId id) { return id == TypeId::Float32 || id == TypeId::Float64; }
long double num(const Array& a, int64_t i) {
  switch (a.type_id()) {
    case TypeId::Int8: return a.values<int8_t>()[i];
    case TypeId::Int16: return a.values<int16_t>()[i];
    case TypeId::Int32: case TypeId::Date32: return a.values<int32_t>()[i];
    case TypeId::Int64: return static_cast<long double>(a.values<int64_t>()[i]);
    case TypeId::UInt8: return a.values<uint8_t>()[i];
    case TypeId::UInt16: return a.values<uint16_t>()[i];
    case TypeId::UInt32: return a.values<uint32_t>()[i];
    case TypeId::UInt64: return static_cast<long double>(a.values<uint64_t>()[i]);
    case TypeId::Float32: return a.values<float>()[i];
    case TypeId::Float64: return a.values<double>()[i];
    default: ADD_FAILURE() << "num of non-numeric"; return 0;
  }
}

// Expected cell: null, an exact formatted value, or a number compared with a tolerance.
struct Cell {
  enum Kind { Null, Exact, Number } kind = Null;
  std::string text;
  long double value = 0;
  long double scale = 0;  // tolerance scale (e.g. sum of |x|)
};
Cell null_cell() { return {}; }
Cell exact(std::string s) { return {Cell::Exact, std::move(s), 0, 0}; }
Cell number(long double v, long double scale) { return {Cell::Number, "", v, scale}; }

// NaN sorts after everything; strict compares keep the first of equals.
bool total_less(long double a, long double b) {
  if (std::isnan(b)) return !std::isnan(a);
  return a < b;
}

Cell reference_cell(const AggSpec& spec, const Array& v, const std::vector<int64_t>& group_rows) {
  if (spec.func == AggFunc::CountAll) return exact(std::to_string(group_rows.size()));
  std::vector<int64_t> rows;
  for (int64_t r : group_rows)
    if (v.is_valid(r)) rows.push_back(r);
  const auto n = static_cast<int64_t>(rows.size());
  switch (spec.func) {
    case AggFunc::Count: return exact(std::to_string(n));
    case AggFunc::NUnique: {
      std::set<std::string> s;
      for (int64_t r : rows) s.insert(key_token(v, r));
      return exact(std::to_string(s.size()));
    }
    case AggFunc::First: return n ? exact(v.format_value(rows.front())) : null_cell();
    case AggFunc::Last: return n ? exact(v.format_value(rows.back())) : null_cell();
    case AggFunc::Min: case AggFunc::Max: {
      if (!n) return null_cell();
      const bool mx = spec.func == AggFunc::Max;
      int64_t best = rows[0];
      for (int64_t r : rows) {
        bool better;
        if (is_string(v.type_id())) {
          better = mx ? v.string_value(best) < v.string_value(r) : v.string_value(r) < v.string_value(best);
        } else if (v.type_id() == TypeId::Bool) {
          better = mx ? (!v.bool_value(best) && v.bool_value(r)) : (v.bool_value(best) && !v.bool_value(r));
        } else if (v.type_id() == TypeId::Timestamp) {
          better = mx ? v.values<int64_t>()[best] < v.values<int64_t>()[r] : v.values<int64_t>()[r] < v.values<int64_t>()[best];
        } else {
          better = mx ? total_less(num(v, best), num(v, r)) : total_less(num(v, r), num(v, best));
        }
        if (better) best = r;
      }
      return exact(v.format_value(best));
    }
    default: break;
  }
  // Numeric functions, long double.
  std::vector<long double> x;
  long double abs_sum = 0;
  for (int64_t r : rows) {
    x.push_back(num(v, r));
    if (std::isfinite(x.back())) abs_sum += std::fabs(x.back());
  }
  if (!n) return null_cell();
  long double sum = 0;
  for (long double d : x) sum += d;
  if (spec.func == AggFunc::Sum) {
    if (!is_float(v.type_id())) return exact(std::to_string(static_cast<long long>(sum)));  // exact in long double here
    return number(sum, abs_sum);
  }
  if (spec.func == AggFunc::Mean) return number(sum / n, abs_sum / n);
  if (spec.func == AggFunc::Median || spec.func == AggFunc::Quantile) {
    const double q = spec.func == AggFunc::Median ? 0.5 : spec.q;
    std::sort(x.begin(), x.end(), total_less);
    const long double pos = q * (n - 1);
    const auto lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min<size_t>(lo + 1, x.size() - 1);
    const long double frac = pos - lo, a = x[lo], b = x[hi];
    long double r = a;
    if (frac > 0 && a != b) {
      if (std::isinf(a) && a < 0 && std::isfinite(b)) r = a;
      else r = a + (b - a) * frac;
    }
    return number(r, (std::isfinite(a) ? std::fabs(a) : 0) + (std::isfinite(b) ? std::fabs(b) : 0));
  }
  // var / std / var_pop / std_pop: two-pass in long double.
  const bool sample = spec.func == AggFunc::Var || spec.func == AggFunc::Std;
  if (sample && n < 2) return null_cell();
  for (long double d : x)
    if (!std::isfinite(d)) return number(NAN, 0);
  const long double mean = sum / n;
  long double m2 = 0;
  for (long double d : x) m2 += (d - mean) * (d - mean);
  long double var = m2 / (sample ? n - 1 : n);
  const bool root = spec.func == AggFunc::Std || spec.func == AggFunc::StdPop;
  const long double res = root ? std::sqrt(var) : var;
  return number(res, res);
}

void check_cell(const Cell& e, const Array& out, int64_t g, const std::string& what) {
  if (e.kind == Cell::Null) {
    EXPECT_TRUE(out.is_null(g)) << what << " expected null, got " << out.format_value(g);
    return;
  }
  ASSERT_TRUE(out.is_valid(g)) << what << " unexpected null";
  if (e.kind == Cell::Exact) {
    EXPECT_EQ(out.format_value(g), e.text) << what;
    return;
  }
  const long double got = num(out, g);
  if (std::isnan(e.value)) {
    EXPECT_TRUE(std::isnan(got)) << what << " expected NaN, got " << static_cast<double>(got);
  } else if (std::isinf(e.value)) {
    EXPECT_EQ(got, e.value) << what;
  } else {
    const long double tol = 1e-12L * (e.scale + std::fabs(e.value)) + 1e-300L;
    EXPECT_LE(std::fabs(got - e.value), tol * 1000) << what << " got " << static_cast<double>(got) << " expected "
                                                    << static_cast<double>(e.value);
  }
}

// Full differential check of one groupby call.
void check_groupby(const Table& t, const std::vector<std::string>& keys, const std::vector<AggSpec>& aggs,
                   const Table& out, const std::string& ctx) {
  std::map<std::string, size_t> index;
  std::vector<std::vector<int64_t>> groups;
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    std::string k;
    for (const auto& name : keys) {
      const std::string tok = key_token(t.column(name), i);
      k += std::to_string(tok.size()) + "|" + tok;
    }
    auto [it, inserted] = index.emplace(k, groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  ASSERT_EQ(out.num_columns(), static_cast<int>(keys.size() + aggs.size())) << ctx;
  ASSERT_EQ(out.num_rows(), static_cast<int64_t>(groups.size())) << ctx;
  for (size_t k = 0; k < keys.size(); ++k) {
    EXPECT_EQ(out.schema().field(static_cast<int>(k)).name, keys[k]);
    ASSERT_EQ(out.column(static_cast<int>(k)).type(), t.column(keys[k]).type());
    for (size_t g = 0; g < groups.size(); ++g)
      ASSERT_EQ(out.column(static_cast<int>(k)).format_value(static_cast<int64_t>(g)),
                t.column(keys[k]).format_value(groups[g][0]))
          << ctx << " key " << keys[k] << " group " << g;
  }
  for (size_t a = 0; a < aggs.size(); ++a) {
    const Array& col = out.column(static_cast<int>(keys.size() + a));
    EXPECT_EQ(out.schema().field(static_cast<int>(keys.size() + a)).name, output_name(aggs[a])) << ctx;
    const Array in = aggs[a].column.empty() ? Array() : t.column(aggs[a].column);
    EXPECT_EQ(col.type(), aggs[a].column.empty() ? DataType(TypeId::Int64) : result_type(aggs[a], in.type())) << ctx;
    for (size_t g = 0; g < groups.size(); ++g)
      check_cell(reference_cell(aggs[a], in, groups[g]), col, static_cast<int64_t>(g),
                 ctx + " " + output_name(aggs[a]) + " group " + std::to_string(g));
  }
}

AggSpec agg(const std::string& c, AggFunc f, double q = 0.5, const std::string& alias = "") { return {c, f, q, alias}; }

std::vector<AggSpec> all_aggs() {
  std::vector<AggSpec> a;
  for (const char* c : {"v_f", "v_i", "v_u", "v_f32", "v_i64"})
    for (AggFunc f : {AggFunc::Sum, AggFunc::Count, AggFunc::Mean, AggFunc::Min, AggFunc::Max, AggFunc::Var,
                      AggFunc::Std, AggFunc::VarPop, AggFunc::StdPop, AggFunc::First, AggFunc::Last, AggFunc::NUnique,
                      AggFunc::Median})
      a.push_back(agg(c, f));
  a.push_back(agg("v_big", AggFunc::Var));
  a.push_back(agg("v_big", AggFunc::StdPop));
  a.push_back(agg("v_f", AggFunc::Quantile, 0.9));
  a.push_back(agg("v_f", AggFunc::Quantile, 0.0));
  a.push_back(agg("v_f", AggFunc::Quantile, 1.0));
  a.push_back(agg("v_i", AggFunc::Quantile, 0.125));
  for (const char* c : {"v_s", "v_ts", "v_b", "k_str", "k_date"})
    for (AggFunc f : {AggFunc::Count, AggFunc::Min, AggFunc::Max, AggFunc::First, AggFunc::Last, AggFunc::NUnique})
      a.push_back(agg(c, f));
  a.push_back(agg("v_f", AggFunc::CountAll));
  a.push_back(agg("", AggFunc::CountAll, 0.5, "rows"));
  return a;
}

const std::vector<std::vector<std::string>> kKeySets = {
    {"k_int"}, {"k_str"}, {"k_f"}, {"k_i32"}, {"k_bool"}, {"k_u8"}, {"k_f32"}, {"k_date"},
    {"k_int", "k_str"}, {"k_f", "k_bool", "k_date"}, {"k_str", "k_int", "k_f32"}};

}  // namespace

TEST(GroupBy, MatchesReferenceOnRandomTables) {
  const auto aggs = all_aggs();
  for (uint64_t seed = 1; seed <= 14; ++seed) {
    const int64_t n = seed <= 2 ? static_cast<int64_t>(seed - 1) : static_cast<int64_t>(seed * 37 % 700);
    const Table t = random_table(seed, n);
    for (const auto& keys : kKeySets) {
      const std::string ctx = "seed " + std::to_string(seed) + " n " + std::to_string(n) + " keys " + keys[0] +
                              (keys.size() > 1 ? "+" : "");
      const Table out = groupby(t, keys, aggs, 1);
      check_groupby(t, keys, aggs, out, ctx);
      if (HasFailure()) return;
    }
  }
}

TEST(GroupBy, IdenticalForEveryThreadCount) {
  const auto aggs = all_aggs();
  for (uint64_t seed = 100; seed < 102; ++seed) {
    const Table t = random_table(seed, 1500 + static_cast<int64_t>(seed));
    for (const auto& keys : kKeySets) {
      const Table one = groupby(t, keys, aggs, 1);
      for (int threads : {2, 3, 7}) {
        const Table many = groupby(t, keys, aggs, threads, /*min_rows_per_partition=*/1);
        ASSERT_TRUE(many.equals(one)) << "seed " << seed << " key " << keys[0] << " threads " << threads;
      }
    }
  }
}

TEST(GroupBy, ManyGroupsPartitionedMatchesReference) {
  // Enough distinct keys to grow the hash tables several times, on the partitioned path.
  std::mt19937_64 rng(7);
  PrimitiveBuilder<int64_t> k(DataType(TypeId::Int64));
  PrimitiveBuilder<double> v(DataType(TypeId::Float64));
  StringBuilder s;
  for (int i = 0; i < 40000; ++i) {
    const auto key = static_cast<int64_t>(rng() % 15000);
    k.append(key);
    v.append(static_cast<double>(rng() % 1000) / 3.0);
    s.append("key-" + std::to_string(key % 9000));
  }
  const Table t(Schema({{"k", DataType(TypeId::Int64)}, {"v", DataType(TypeId::Float64)}, {"s", DataType(TypeId::Utf8)}}),
                {k.finish(), v.finish(), s.finish()});
  const std::vector<AggSpec> aggs{agg("v", AggFunc::Sum), agg("v", AggFunc::Mean), agg("v", AggFunc::Count),
                                  agg("v", AggFunc::Median), agg("v", AggFunc::Std)};
  for (const std::vector<std::string>& keys : {std::vector<std::string>{"k"}, std::vector<std::string>{"s"}}) {
    const Table one = groupby(t, keys, aggs, 1);
    check_groupby(t, keys, aggs, one, "many groups");
    for (int threads : {2, 3, 7}) EXPECT_TRUE(groupby(t, keys, aggs, threads, 1).equals(one));
  }
}

TEST(GroupBy, NamesAliasesAndTypes) {
  const Table t = random_table(5, 50);
  const Table out = groupby(t, {"k_int"},
                            {agg("v_f", AggFunc::Quantile, 0.9), agg("v_f", AggFunc::Quantile, 0.125),
                             agg("v_f", AggFunc::Quantile, 0.5, "p50"), agg("v_i", AggFunc::Sum),
                             agg("v_u", AggFunc::Sum), agg("v_ts", AggFunc::Max), agg("", AggFunc::CountAll)},
                            1);
  const std::vector<std::string> names{"k_int", "v_f_q90", "v_f_q12.5", "p50", "v_i_sum", "v_u_sum", "v_ts_max", "count_all"};
  ASSERT_EQ(out.num_columns(), static_cast<int>(names.size()));
  for (size_t i = 0; i < names.size(); ++i) EXPECT_EQ(out.schema().field(static_cast<int>(i)).name, names[i]);
  EXPECT_EQ(out.column("v_i_sum").type_id(), TypeId::Int64);
  EXPECT_EQ(out.column("v_u_sum").type_id(), TypeId::UInt64);
  EXPECT_EQ(out.column("v_ts_max").type(), DataType::timestamp(TimeUnit::Milli, "UTC"));
}

TEST(GroupBy, NullKeysFormOneGroupAndAllNullValuesGiveNull) {
  PrimitiveBuilder<int64_t> k(DataType(TypeId::Int64));
  PrimitiveBuilder<double> v(DataType(TypeId::Float64));
  k.append_null(); v.append_null();
  k.append(1);     v.append(2.0);
  k.append_null(); v.append_null();
  const Table t(Schema({{"k", DataType(TypeId::Int64)}, {"v", DataType(TypeId::Float64)}}), {k.finish(), v.finish()});
  const Table out = groupby(t, {"k"}, {agg("v", AggFunc::Sum), agg("v", AggFunc::Count), agg("v", AggFunc::CountAll),
                                       agg("v", AggFunc::Var), agg("v", AggFunc::VarPop)});
  ASSERT_EQ(out.num_rows(), 2);
  EXPECT_TRUE(out.column("k").is_null(0));
  EXPECT_TRUE(out.column("v_sum").is_null(0));
  EXPECT_EQ(out.column("v_count").values<int64_t>()[0], 0);
  EXPECT_EQ(out.column("v_count_all").values<int64_t>()[0], 2);
  EXPECT_TRUE(out.column("v_var").is_null(1));  // one value: sample variance undefined
  EXPECT_EQ(out.column("v_var_pop").values<double>()[1], 0.0);
}

TEST(GroupBy, VarianceIsNumericallySound) {
  // Values 1e12 + {0, 1, 2, ...}: a naive sum-of-squares formula loses every digit here.
  PrimitiveBuilder<int64_t> k(DataType(TypeId::Int64));
  PrimitiveBuilder<double> v(DataType(TypeId::Float64));
  for (int i = 0; i < 1000; ++i) {
    k.append(i % 2);
    v.append(1e12 + i / 2);
  }
  const Table t(Schema({{"k", DataType(TypeId::Int64)}, {"v", DataType(TypeId::Float64)}}), {k.finish(), v.finish()});
  const Table out = groupby(t, {"k"}, {agg("v", AggFunc::Var)});
  // var of 0..499 = 500*501/12
  EXPECT_NEAR(out.column(1).values<double>()[0], 500.0 * 501.0 / 12.0, 1e-6);
  EXPECT_NEAR(out.column(1).values<double>()[1], 500.0 * 501.0 / 12.0, 1e-6);
}

TEST(GroupBy, Errors) {
  const Table t = random_table(3, 20);
  auto code_of = [&](const std::vector<std::string>& keys, const std::vector<AggSpec>& aggs) {
    try {
      (void)groupby(t, keys, aggs, 1);
    } catch (const Error& e) {
      return std::make_pair(e.code(), std::string(e.what()));
    }
    return std::make_pair(ErrorCode::Internal, std::string("no error"));
  };
  auto [c1, m1] = code_of({"nope"}, {agg("v_f", AggFunc::Sum)});
  EXPECT_EQ(c1, ErrorCode::NotFound);
  EXPECT_NE(m1.find("nope"), std::string::npos) << m1;
  auto [c2, m2] = code_of({"k_int"}, {agg("missing_col", AggFunc::Sum)});
  EXPECT_EQ(c2, ErrorCode::NotFound);
  EXPECT_NE(m2.find("missing_col"), std::string::npos) << m2;
  auto [c3, m3] = code_of({"k_int"}, {agg("v_s", AggFunc::Sum)});
  EXPECT_EQ(c3, ErrorCode::Invalid);
  EXPECT_NE(m3.find("v_s"), std::string::npos) << m3;
  EXPECT_NE(m3.find("sum"), std::string::npos) << m3;
  for (double q : {-0.1, 1.5, std::nan("")}) {
    auto [c4, m4] = code_of({"k_int"}, {agg("v_f", AggFunc::Quantile, q)});
    EXPECT_EQ(c4, ErrorCode::Invalid) << m4;
    EXPECT_NE(m4.find("q must be in [0, 1]"), std::string::npos) << m4;
  }
  auto [c5, m5] = code_of({"k_int"}, {agg("v_f", AggFunc::Sum), agg("v_i", AggFunc::Mean, 0.5, "v_f_sum")});
  EXPECT_EQ(c5, ErrorCode::Invalid);
  EXPECT_NE(m5.find("duplicate output column name 'v_f_sum'"), std::string::npos) << m5;
  auto [c6, m6] = code_of({"k_int"}, {agg("v_f", AggFunc::Sum, 0.5, "k_int")});
  EXPECT_EQ(c6, ErrorCode::Invalid) << m6;
  auto [c7, m7] = code_of({}, {agg("v_f", AggFunc::Sum)});
  EXPECT_EQ(c7, ErrorCode::Invalid) << m7;
  auto [c8, m8] = code_of({"k_int"}, {agg("v_b", AggFunc::Mean)});
  EXPECT_EQ(c8, ErrorCode::Invalid) << m8;
  auto [c9, m9] = code_of({"k_int"}, {agg("", AggFunc::Sum)});
  EXPECT_EQ(c9, ErrorCode::Invalid) << m9;
}

TEST(GroupBy, IntegerSumOverflowIsAnError) {
  PrimitiveBuilder<int64_t> k(DataType(TypeId::Int64));
  PrimitiveBuilder<int64_t> v(DataType(TypeId::Int64));
  for (int i = 0; i < 3; ++i) {
    k.append(1);
    v.append(INT64_MAX / 2);
  }
  const Table t(Schema({{"k", DataType(TypeId::Int64)}, {"v", DataType(TypeId::Int64)}}), {k.finish(), v.finish()});
  try {
    (void)groupby(t, {"k"}, {agg("v", AggFunc::Sum)});
    FAIL() << "expected overflow";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Invalid);
    EXPECT_NE(std::string(e.what()).find("overflows int64"), std::string::npos) << e.what();
  }
  // mean is exact even when the sum would not fit
  const Table out = groupby(t, {"k"}, {agg("v", AggFunc::Mean)});
  EXPECT_DOUBLE_EQ(out.column(1).values<double>()[0], static_cast<double>(INT64_MAX / 2));
}

TEST(ScalarAggregate, MatchesReference) {
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    const Table t = random_table(seed, static_cast<int64_t>(seed * 13 % 90));
    std::vector<int64_t> all(static_cast<size_t>(t.num_rows()));
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int64_t>(i);
    for (const AggSpec& a : all_aggs()) {
      if (a.column.empty()) continue;
      const Array r = aggregate(t.column(a.column), a.func, a.q, a.column);
      ASSERT_EQ(r.length(), 1);
      EXPECT_EQ(r.type(), result_type(a, t.column(a.column).type()));
      check_cell(reference_cell(a, t.column(a.column), all), r, 0, "scalar " + output_name(a) + " seed " + std::to_string(seed));
    }
  }
}

TEST(ScalarAggregate, EmptyAndErrors) {
  PrimitiveBuilder<double> b(DataType(TypeId::Float64));
  const Array empty = b.finish();
  EXPECT_TRUE(aggregate(empty, AggFunc::Sum).is_null(0));
  EXPECT_TRUE(aggregate(empty, AggFunc::Median).is_null(0));
  EXPECT_EQ(aggregate(empty, AggFunc::Count).values<int64_t>()[0], 0);
  EXPECT_EQ(aggregate(empty, AggFunc::CountAll).values<int64_t>()[0], 0);
  StringBuilder s;
  s.append("x");
  EXPECT_THROW((void)aggregate(s.finish(), AggFunc::Mean, 0.5, "name"), Error);
  EXPECT_THROW((void)aggregate(empty, AggFunc::Quantile, 2.0), Error);
}
