// Differential tests against an independent engine: DuckDB (npm @duckdb/node-api, run by
// tests/compat/duckdb_query.mjs). Random tables are written with our CSV writer, loaded by DuckDB
// with explicit column types, and the same operation runs on both sides: joins, groupby
// aggregates, sort, unique (SELECT DISTINCT), set operations and filter expressions. Results are
// compared as multisets of rows (as an ordered list for sort), floats parsed back from DuckDB's
// text and compared exactly where no arithmetic is involved and with a relative tolerance for
// sums, means and variances (different summation orders).
//
// Skipped when node or tests/compat/node_modules/@duckdb/node-api is missing (build.sh installs
// it with `npm ci` in tests/compat).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "arrow/builder.h"
#include "arrow/table.h"
#include "compute/expr_filter.h"
#include "compute/expr_parser.h"
#include "compute/groupby.h"
#include "compute/join.h"
#include "compute/set_ops.h"
#include "compute/sort.h"
#include "compute/unique.h"
#include "io/csv_writer.h"

using namespace deeprc;
using namespace deeprc::compute;
namespace fs = std::filesystem;

#include "node_runner.h"

using deeprc::testing::run_command;
using deeprc::testing::shell_quote;

namespace {

const fs::path kCompatDir = fs::path(DRC_SOURCE_DIR) / "tests" / "compat";

// ---- Canonical row text --------------------------------------------------------------------
// A row is a vector of cells: "\N" for null, decimal integers, floats in shortest round-trip
// form (std::to_chars, on both sides: DuckDB's cells are parsed and re-printed), strings with
// \ TAB LF CR escaped exactly as duckdb_query.mjs does.
using Row = std::vector<std::string>;
using Rows = std::vector<Row>;

// NaN is printed without its sign and -0.0 as 0: both engines treat all NaNs as one value and
// -0.0 as equal to 0.0, but which representative a group key or min/max keeps is unspecified.
std::string shortest(double x) {
  if (std::isnan(x)) return "nan";
  if (x == 0) return "0";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

std::string escape_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

std::string cell(const Array& a, int64_t i) {
  if (a.is_null(i)) return "\\N";
  switch (a.type_id()) {
    case TypeId::Int64: return std::to_string(a.values<int64_t>()[i]);
    case TypeId::Float64: return shortest(a.values<double>()[i]);
    case TypeId::Utf8: case TypeId::LargeUtf8: return escape_text(a.string_value(i));
    case TypeId::Bool: return a.bool_value(i) ? "true" : "false";
    default: ADD_FAILURE() << "unexpected type in a result: " << a.type().to_string(); return "?";
  }
}

Rows rows_of(const Table& t) {
  Rows rows(static_cast<size_t>(t.num_rows()));
  for (int64_t r = 0; r < t.num_rows(); ++r)
    for (int c = 0; c < t.num_columns(); ++c) rows[static_cast<size_t>(r)].push_back(cell(t.column(c), r));
  return rows;
}

Table select(const Table& t, const std::vector<std::string>& names) {
  std::vector<int> idx;
  for (const auto& n : names) idx.push_back(t.schema().require_index(n));
  return t.select(idx);
}

// Column kinds of a compared result, one letter per column: 'X' exact text (ints, strings),
// 'F' a float that must match exactly (copied from the input, no arithmetic), 'A' a computed
// float compared with a relative tolerance.
void normalize_floats(Rows& rows, const std::string& kinds) {
  for (auto& row : rows)
    for (size_t c = 0; c < row.size() && c < kinds.size(); ++c)
      if (kinds[c] != 'X' && row[c] != "\\N") row[c] = shortest(std::strtod(row[c].c_str(), nullptr));
}

std::string join_row(const Row& r) {
  std::string s;
  for (size_t i = 0; i < r.size(); ++i) s += (i ? "\t" : "") + r[i];
  return s;
}

// Sort key of a row for multiset comparison: its exact cells only, so that rows whose computed
// floats differ in the last bits still pair up.
std::string exact_key(const Row& r, const std::string& kinds) {
  std::string s;
  for (size_t i = 0; i < r.size(); ++i) s += (kinds[i] == 'A' ? std::string("~") : r[i]) + "\t";
  return s;
}

bool close(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (a == "\\N" || b == "\\N") return false;
  const double x = std::strtod(a.c_str(), nullptr), y = std::strtod(b.c_str(), nullptr);
  return std::fabs(x - y) <= 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)});
}

// Compares our rows with DuckDB's (already parsed). ordered = false: as multisets.
void expect_same_rows(const std::string& what, Rows ours, Rows duck, const std::string& kinds, bool ordered) {
  normalize_floats(ours, kinds);
  normalize_floats(duck, kinds);
  if (!ordered) {
    // Sort keys computed once per row (join results have tens of thousands of rows).
    auto sorted = [&](Rows& rows) {
      std::vector<std::pair<std::string, size_t>> keys;
      for (size_t i = 0; i < rows.size(); ++i) keys.emplace_back(exact_key(rows[i], kinds) + join_row(rows[i]), i);
      std::sort(keys.begin(), keys.end());
      Rows out;
      for (const auto& [k, i] : keys) out.push_back(std::move(rows[i]));
      rows = std::move(out);
    };
    sorted(ours);
    sorted(duck);
  }
  ASSERT_EQ(ours.size(), duck.size()) << what << ": row counts differ (ours vs DuckDB)";
  int reported = 0;
  for (size_t r = 0; r < ours.size() && reported < 5; ++r) {
    bool same = ours[r].size() == duck[r].size();
    for (size_t c = 0; same && c < ours[r].size(); ++c)
      same = kinds[c] == 'A' ? close(ours[r][c], duck[r][c]) : ours[r][c] == duck[r][c];
    if (!same) {
      ++reported;
      ADD_FAILURE() << what << ": row " << r << (ordered ? "" : " (after sorting)") << " differs\n  ours:   "
                    << join_row(ours[r]) << "\n  DuckDB: " << join_row(duck[r]);
    }
  }
}

// ---- Random tables -------------------------------------------------------------------------

// Short strings incl. non-ASCII, the empty string (written as "" and read with
// allow_quoted_nulls=false, so it stays distinct from null), text equal to null tokens of other
// tools, and characters that need CSV quoting or row-text escaping.
const char* const kStrings[] = {"", "a", "b", "ab", "é", "日本", "Zürich", "a b", "x,y", "q\"t", "NA", "null", "back\\slash"};
constexpr int kNumStrings = sizeof kStrings / sizeof kStrings[0];

struct Gen {
  std::mt19937_64 rng;
  explicit Gen(uint64_t seed) : rng(seed) {}
  bool pct(int p) { return static_cast<int>(rng() % 100) < p; }
  int64_t below(int64_t n) { return static_cast<int64_t>(rng() % static_cast<uint64_t>(n)); }
  double unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); }

  // int64 keys from [0, domain), ~skew% the hot key 3, ~null% nulls; some negative for variety.
  Array keys(int64_t n, int64_t domain, int null_pct, int skew_pct) {
    PrimitiveBuilder<int64_t> b(DataType(TypeId::Int64));
    for (int64_t i = 0; i < n; ++i) {
      if (pct(null_pct)) b.append_null();
      else if (pct(skew_pct)) b.append(3);
      else b.append(below(domain) - domain / 4);
    }
    return b.finish();
  }
  Array strings(int64_t n, int null_pct) {
    StringBuilder b;
    for (int64_t i = 0; i < n; ++i) pct(null_pct) ? b.append_null() : b.append(kStrings[below(kNumStrings)]);
    return b.finish();
  }
  // Floats in [-1, 2) with full 53-bit mantissas, so sums and variances are not exact.
  Array floats(int64_t n, int null_pct) {
    PrimitiveBuilder<double> b(DataType(TypeId::Float64));
    for (int64_t i = 0; i < n; ++i) pct(null_pct) ? b.append_null() : b.append(unit() * 3.0 - 1.0);
    return b.finish();
  }
  Array ints(int64_t n, int null_pct) {
    PrimitiveBuilder<int64_t> b(DataType(TypeId::Int64));
    for (int64_t i = 0; i < n; ++i) pct(null_pct) ? b.append_null() : b.append(below(2001) - 1000);
    return b.finish();
  }
};

Field f(const std::string& name, TypeId t) { return Field{name, DataType(t), true}; }

// Table (k int64, s utf8, <float_name> float64, <int_name> int64).
Table random_table(Gen& g, int64_t n, int64_t domain, const std::string& float_name, const std::string& int_name) {
  Schema schema({f("k", TypeId::Int64), f("s", TypeId::Utf8), f(float_name, TypeId::Float64), f(int_name, TypeId::Int64)});
  return Table(schema, {g.keys(n, domain, 8, 15), g.strings(n, 10), g.floats(n, 10), g.ints(n, 10)}, n);
}

// ---- DuckDB session ------------------------------------------------------------------------



std::string duck_type(const DataType& t) {
  switch (t.id) {
    case TypeId::Int64: return "BIGINT";
    case TypeId::Float64: return "DOUBLE";
    case TypeId::Utf8: return "VARCHAR";
    case TypeId::Bool: return "BOOLEAN";
    default: throw std::runtime_error("no DuckDB type for " + t.to_string());
  }
}

// Collects tables and queries of one test, then runs them all in one node process (startup of
// node + DuckDB dominates the cost of these small queries).
class DuckDbDiff : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kCompatDir / "node_modules" / "@duckdb" / "node-api"))
      GTEST_SKIP() << "tests/compat/node_modules/@duckdb/node-api is missing: run `npm ci --no-audit --no-fund` in tests/compat";
    int st = 0;
    run_command("node --version 2>/dev/null", &st);
    if (st != 0) GTEST_SKIP() << "node is not on PATH; the DuckDB differential test needs Node.js";
    dir_ = fs::temp_directory_path() / ("drc_duckdb_diff_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  // Writes `t` with our CSV writer and loads it into DuckDB as table `name` with its exact types.
  // Our writer writes null as an empty unquoted field and "" for the empty string; DuckDB's
  // allow_quoted_nulls=false keeps the latter a string.
  void add_table(const std::string& name, const Table& t) {
    io::write_csv(t, (dir_ / (name + ".csv")).string());
    std::string cols;
    for (const Field& fld : t.schema().fields()) cols += (cols.empty() ? "" : ", ") + shell_quote(fld.name) + ": " + shell_quote(duck_type(fld.type));
    sql_ += "CREATE TABLE " + name + " AS SELECT * FROM read_csv('{dir}/" + name + ".csv', header=true, columns={" + cols +
            "}, nullstr='', allow_quoted_nulls=false, quote='\"', escape='\"', delim=',', auto_detect=false)\n-- @@\n";
  }
  void add_query(const std::string& name, const std::string& sql) { sql_ += "-- result " + name + "\n" + sql + "\n-- @@\n"; }

  // Runs everything added so far; results by query name.
  std::map<std::string, Rows> run_duckdb() {
    const fs::path sql_path = dir_ / "queries.sql";
    std::ofstream(sql_path) << sql_;
    int st = 0;
    const std::string out = run_command("node " + shell_quote((kCompatDir / "duckdb_query.mjs").string()) + " " + shell_quote(dir_.string()) +
                                            " " + shell_quote(sql_path.string()) + " 2>&1",
                                        &st);
    std::map<std::string, Rows> results;
    EXPECT_EQ(st, 0) << "duckdb_query.mjs failed:\n" << out;
    std::istringstream in(out);
    Rows* current = nullptr;
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("@@result ", 0) == 0) current = &results[line.substr(9)];
      else if (line == "@@end") current = nullptr;
      else if (current) {
        Row row;
        size_t from = 0;
        for (size_t tab; (tab = line.find('\t', from)) != std::string::npos; from = tab + 1) row.push_back(line.substr(from, tab - from));
        row.push_back(line.substr(from));
        current->push_back(std::move(row));
      }
    }
    return results;
  }

  fs::path dir_;
  std::string sql_;
};

constexpr uint64_t kSeeds[] = {1, 2, 3};

}  // namespace

// The exchange itself: a table with nulls, empty strings and quoting-prone text survives
// write_csv -> DuckDB read_csv -> row text unchanged. Every other test relies on this.
TEST_F(DuckDbDiff, CsvExchangeRoundTrips) {
  Gen g(7);
  const Table t = random_table(g, 300, 20, "v", "i");
  add_table("t", t);
  add_query("all", "SELECT k, s, v, i FROM t");
  add_query("empty_vs_null", "SELECT count(*) FILTER (WHERE s = ''), count(*) FILTER (WHERE s IS NULL) FROM t");
  auto duck = run_duckdb();
  expect_same_rows("round trip", rows_of(t), duck["all"], "XXFX", true);
  int64_t empty = 0, nulls = 0;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    const Array& s = t.column("s");
    if (s.is_null(r)) ++nulls;
    else if (s.string_value(r).empty()) ++empty;
  }
  ASSERT_GT(empty, 0);
  ASSERT_GT(nulls, 0);
  expect_same_rows("empty vs null", {{std::to_string(empty), std::to_string(nulls)}}, duck["empty_vs_null"], "XX", true);
}

// Inner / left / full outer joins on k and on (k, s); semi / anti joins on (k, s). Our output names: the shared key appears
// once (coalesced left-else-right for full joins), other shared names get _x/_y. SQL selects the
// same values in the same order; only the values are compared.
TEST_F(DuckDbDiff, JoinsMatch) {
  struct Case {
    std::string name;
    JoinType type;
    std::vector<std::string> keys;
  };
  const std::vector<Case> cases = {
      {"inner_k", JoinType::Inner, {"k"}},     {"left_k", JoinType::Left, {"k"}},     {"full_k", JoinType::Full, {"k"}},
      {"inner_ks", JoinType::Inner, {"k", "s"}}, {"left_ks", JoinType::Left, {"k", "s"}}, {"full_ks", JoinType::Full, {"k", "s"}},
  };
  std::map<std::string, Rows> ours;
  for (uint64_t seed : kSeeds) {
    Gen g(seed);
    const Table l = random_table(g, 500 + 300 * static_cast<int64_t>(seed), 60, "v", "i");
    const Table r = random_table(g, 400, 60, "w", "j");
    const std::string ln = "l" + std::to_string(seed), rn = "r" + std::to_string(seed);
    add_table(ln, l);
    add_table(rn, r);
    for (const Case& c : cases) {
      JoinOptions o;
      o.type = c.type;
      o.left_on = c.keys;
      const Table out = join(l, r, o);
      const std::string sql_join = c.type == JoinType::Inner ? "JOIN" : c.type == JoinType::Left ? "LEFT JOIN" : "FULL OUTER JOIN";
      auto key_expr = [&](const std::string& k) {
        return c.type == JoinType::Full ? "coalesce(" + ln + "." + k + ", " + rn + "." + k + ")" : ln + "." + k;
      };
      std::string on, sql;
      for (const auto& k : c.keys) on += (on.empty() ? "" : " AND ") + ln + "." + k + " = " + rn + "." + k;
      const std::string name = c.name + "_" + std::to_string(seed);
      if (c.keys.size() == 1) {
        ours[name] = rows_of(select(out, {"k", "s_x", "v", "i", "s_y", "w", "j"}));
        sql = "SELECT " + key_expr("k") + ", " + ln + ".s, v, i, " + rn + ".s, w, j";
      } else {
        ours[name] = rows_of(select(out, {"k", "s", "v", "i", "w", "j"}));
        sql = "SELECT " + key_expr("k") + ", " + key_expr("s") + ", v, i, w, j";
      }
      add_query(name, sql + " FROM " + ln + " " + sql_join + " " + rn + " ON " + on);
    }
    // Semi / anti = [NOT] EXISTS; a null left key has no match, so anti keeps it.
    for (const auto& [type, exists] : {std::pair{JoinType::Semi, "EXISTS"}, std::pair{JoinType::Anti, "NOT EXISTS"}}) {
      JoinOptions o;
      o.type = type;
      o.left_on = {"k", "s"};
      const std::string name = std::string(type == JoinType::Semi ? "semi" : "anti") + "_ks_" + std::to_string(seed);
      ours[name] = rows_of(select(join(l, r, o), {"k", "s", "v", "i"}));
      add_query(name, "SELECT k, s, v, i FROM " + ln + " WHERE " + exists + " (SELECT 1 FROM " + rn + " WHERE " + rn + ".k = " + ln +
                          ".k AND " + rn + ".s = " + ln + ".s)");
    }
  }
  auto duck = run_duckdb();
  for (auto& [name, rows] : ours) {
    const bool semi_anti = name.rfind("semi", 0) == 0 || name.rfind("anti", 0) == 0;
    const std::string kinds = semi_anti ? "XXFX" : name.find("_ks_") != std::string::npos ? "XXFXFX" : "XXFXXFX";
    expect_same_rows(name, rows, duck[name], kinds, false);
  }
}

// Groupby with every basic aggregate, per k and per (k, s); the null key is a group on both sides.
TEST_F(DuckDbDiff, GroupByMatches) {
  const std::vector<AggSpec> aggs = {
      {"v", AggFunc::Sum, 0.5, ""}, {"v", AggFunc::Count, 0.5, ""}, {"", AggFunc::CountAll, 0.5, ""},
      {"v", AggFunc::Mean, 0.5, ""}, {"v", AggFunc::Min, 0.5, ""},  {"v", AggFunc::Max, 0.5, ""},
      {"v", AggFunc::Var, 0.5, ""},  {"v", AggFunc::Std, 0.5, ""},  {"i", AggFunc::Sum, 0.5, ""},
      {"i", AggFunc::Mean, 0.5, ""}, {"s", AggFunc::Min, 0.5, ""},  {"s", AggFunc::Max, 0.5, ""},
  };
  const std::string sql_aggs =
      "sum(v), count(v), count(*), avg(v), min(v), max(v), var_samp(v), stddev_samp(v), sum(i), avg(i), min(s), max(s)";
  const std::string agg_kinds = "AXXAFFAAXAXX";
  std::map<std::string, std::pair<Rows, std::string>> ours;
  for (uint64_t seed : kSeeds) {
    Gen g(100 + seed);
    // A small key domain gives groups of many rows; a large one, many groups of 0..2 values
    // (var/std of a single value is null).
    const int64_t domain = seed == 1 ? 12 : 400;
    const Table t = random_table(g, 1500, domain, "v", "i");
    const std::string tn = "g" + std::to_string(seed);
    add_table(tn, t);
    for (const std::vector<std::string>& keys : {std::vector<std::string>{"k"}, std::vector<std::string>{"k", "s"}}) {
      const std::string name = tn + (keys.size() == 1 ? "_k" : "_ks");
      // min_rows_per_partition = 1: the partitioned path runs even on these small tables.
      ours[name] = {rows_of(groupby(t, keys, aggs, 2, 1)), std::string(keys.size(), 'X') + agg_kinds};
      const std::string by = keys.size() == 1 ? "k" : "k, s";
      add_query(name, "SELECT " + by + ", " + sql_aggs + " FROM " + tn + " GROUP BY " + by);
    }
  }
  auto duck = run_duckdb();
  for (auto& [name, rk] : ours) expect_same_rows(name, rk.first, duck[name], rk.second, false);
}

// Sort by (k asc nulls last, v desc nulls first) and by (s, k, v), compared as ordered lists. The
// (k, v) pairs are distinct so that the order is fully determined (no ties for stability to decide).
TEST_F(DuckDbDiff, SortMatchesOrderedList) {
  std::map<std::string, Rows> ours;
  for (uint64_t seed : kSeeds) {
    Gen g(200 + seed);
    const Table raw = random_table(g, 2000, 50, "v", "i");
    // Keep the first row of every (k, v) pair, found here without our operators.
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<int64_t> keep;
    for (int64_t r = 0; r < raw.num_rows(); ++r)
      if (seen.emplace(cell(raw.column("k"), r), cell(raw.column("v"), r)).second) keep.push_back(r);
    PrimitiveBuilder<int64_t> kb(DataType(TypeId::Int64)), ib(DataType(TypeId::Int64));
    PrimitiveBuilder<double> vb(DataType(TypeId::Float64));
    StringBuilder sb;
    for (int64_t r : keep) {
      kb.append_from(raw.column("k"), r);
      sb.append_from(raw.column("s"), r);
      vb.append_from(raw.column("v"), r);
      ib.append_from(raw.column("i"), r);
    }
    const Table t(raw.schema(), {kb.finish(), sb.finish(), vb.finish(), ib.finish()}, static_cast<int64_t>(keep.size()));
    const std::string tn = "s" + std::to_string(seed);
    add_table(tn, t);
    ours[tn] = rows_of(sort(t, {SortKey{"k", false, false}, SortKey{"v", true, true}}, 2));
    add_query(tn, "SELECT k, s, v, i FROM " + tn + " ORDER BY k ASC NULLS LAST, v DESC NULLS FIRST");
    // Strings first: bytewise (code point) order on our side, DuckDB's default binary collation.
    ours[tn + "_str"] = rows_of(sort(t, {SortKey{"s", false, true}, SortKey{"k", true, false}, SortKey{"v", false, false}}, 2));
    add_query(tn + "_str", "SELECT k, s, v, i FROM " + tn + " ORDER BY s ASC NULLS FIRST, k DESC NULLS LAST, v ASC NULLS LAST");
  }
  auto duck = run_duckdb();
  for (auto& [name, rows] : ours) expect_same_rows(name, rows, duck[name], "XXFX", true);
}

// unique (keep first) on a column subset = SELECT DISTINCT on those columns; set operations =
// SQL UNION / INTERSECT / EXCEPT, which are distinct (null equals null in both).
TEST_F(DuckDbDiff, UniqueAndSetOpsMatch) {
  std::map<std::string, std::pair<Rows, std::string>> ours;
  for (uint64_t seed : kSeeds) {
    Gen g(300 + seed);
    const Table a = random_table(g, 800, 15, "v", "i");
    const Table b = random_table(g, 600, 15, "v", "i");
    const std::string an = "a" + std::to_string(seed), bn = "b" + std::to_string(seed);
    add_table(an, a);
    add_table(bn, b);
    const std::string sfx = "_" + std::to_string(seed);
    ours["distinct_k" + sfx] = {rows_of(select(unique(a, {"k"}, Keep::First, 2), {"k"})), "X"};
    add_query("distinct_k" + sfx, "SELECT DISTINCT k FROM " + an);
    ours["distinct_ks" + sfx] = {rows_of(select(unique(a, {"k", "s"}, Keep::First, 2), {"k", "s"})), "XX"};
    add_query("distinct_ks" + sfx, "SELECT DISTINCT k, s FROM " + an);
    // Whole rows incl. a float column: few exact duplicates, so duplicate some rows first.
    const Table a2 = set_op(a, a.slice(0, 200), SetOp::UnionAll, 2);
    add_table(an + "d", a2);
    ours["distinct_all" + sfx] = {rows_of(unique(a2, {}, Keep::First, 2)), "XXFX"};
    add_query("distinct_all" + sfx, "SELECT DISTINCT * FROM " + an + "d");

    const Table ak = select(a, {"k", "s"}), bk = select(b, {"k", "s"});
    const std::pair<SetOp, std::string> ops[] = {{SetOp::Union, "UNION"}, {SetOp::Intersect, "INTERSECT"}, {SetOp::Difference, "EXCEPT"}};
    for (const auto& [op, sql_op] : ops) {
      const std::string name = sql_op + sfx;
      ours[name] = {rows_of(set_op(ak, bk, op, 2)), "XX"};
      add_query(name, "SELECT k, s FROM " + an + " " + sql_op + " SELECT k, s FROM " + bn);
    }
  }
  auto duck = run_duckdb();
  for (auto& [name, rk] : ours) expect_same_rows(name, rk.first, duck[name], rk.second, false);
}

// Filter expressions with SQL three-valued logic; the same text is valid in both languages.
TEST_F(DuckDbDiff, FilterMatchesWhere) {
  const std::vector<std::string> predicates = {
      "v > 0.5 and k != 7 or s is null",
      "not (k between 2 and 9) and s <> ''",
      "i % 7 = 3 or v * 2 < -1 and s in ('é', '日本', 'NA')",
      "k + i > 100 and not (v is null)",
  };
  std::map<std::string, Rows> ours;
  for (uint64_t seed : kSeeds) {
    Gen g(400 + seed);
    const Table t = random_table(g, 1200, 20, "v", "i");
    const std::string tn = "f" + std::to_string(seed);
    add_table(tn, t);
    for (size_t p = 0; p < predicates.size(); ++p) {
      const std::string name = tn + "_p" + std::to_string(p);
      ours[name] = rows_of(filter(t, *parse_expression(predicates[p]), 2));
      add_query(name, "SELECT k, s, v, i FROM " + tn + " WHERE " + predicates[p]);
    }
  }
  auto duck = run_duckdb();
  for (auto& [name, rows] : ours) expect_same_rows(name, rows, duck[name], "XXFX", false);
}

// Float special values as keys and values: NaN (equal to NaN, greater than +inf), -0.0 == 0.0,
// +-inf, next to nulls. Both engines document the same semantics, so results must match: join
// on a float key, groupby a float key, distinct, sort (NaN first in descending order), filter.
TEST_F(DuckDbDiff, FloatSpecialValuesMatch) {
  const double specials[] = {std::nan(""), -std::nan(""), -0.0, 0.0, INFINITY, -INFINITY, 1.5, 2.5};
  std::map<std::string, std::pair<Rows, std::string>> ours;
  for (uint64_t seed : kSeeds) {
    Gen g(500 + seed);
    auto table = [&](int64_t n, int64_t id0) {
      PrimitiveBuilder<double> xb(DataType(TypeId::Float64));
      PrimitiveBuilder<int64_t> ib(DataType(TypeId::Int64)), gb(DataType(TypeId::Int64));
      for (int64_t r = 0; r < n; ++r) {
        if (g.pct(10)) xb.append_null();
        else if (g.pct(60)) xb.append(specials[g.below(8)]);
        else xb.append(static_cast<double>(g.below(7)) - 3.0);  // small integers: many matches
        ib.append(id0 + r);  // a unique id: sort ties are broken by it on both sides
        gb.append(g.below(40));  // a group key for aggregating the specials
      }
      return Table(Schema({f("x", TypeId::Float64), f("id", TypeId::Int64), f("g", TypeId::Int64)}),
                   {xb.finish(), ib.finish(), gb.finish()}, n);
    };
    const Table a = table(300, 0), b = table(200, 1000);
    const std::string an = "xa" + std::to_string(seed), bn = "xb" + std::to_string(seed), sfx = "_" + std::to_string(seed);
    add_table(an, a);
    add_table(bn, b);
    for (const auto& [type, sql_join] : {std::pair{JoinType::Inner, "JOIN"}, std::pair{JoinType::Full, "FULL OUTER JOIN"}}) {
      JoinOptions o;
      o.type = type;
      o.left_on = {"x"};
      const std::string name = std::string(sql_join).substr(0, 4) + sfx;
      ours[name] = {rows_of(select(join(a, b, o), {"id_x", "id_y"})), "XX"};
      add_query(name, "SELECT " + an + ".id, " + bn + ".id FROM " + an + " " + sql_join + " " + bn + " ON " + an + ".x = " + bn + ".x");
    }
    const std::vector<AggSpec> aggs = {{"", AggFunc::CountAll, 0.5, ""}, {"id", AggFunc::Min, 0.5, ""}, {"id", AggFunc::Sum, 0.5, ""}};
    ours["group" + sfx] = {rows_of(groupby(a, {"x"}, aggs, 2, 1)), "FXXX"};
    add_query("group" + sfx, "SELECT x, count(*), min(id), sum(id) FROM " + an + " GROUP BY x");
    // Aggregates over the specials: NaN propagates through sum/mean, is the max, and min/max
    // ignore nulls. 40 groups of ~7 rows, so that some groups hold NaN or inf and some do not.
    const std::vector<AggSpec> over_x = {{"x", AggFunc::Sum, 0.5, ""}, {"x", AggFunc::Mean, 0.5, ""}, {"x", AggFunc::Min, 0.5, ""},
                                         {"x", AggFunc::Max, 0.5, ""}, {"x", AggFunc::Count, 0.5, ""}};
    ours["agg" + sfx] = {rows_of(groupby(a, {"g"}, over_x, 2, 1)), "XAAFFX"};
    add_query("agg" + sfx, "SELECT g, sum(x), avg(x), min(x), max(x), count(x) FROM " + an + " GROUP BY g");
    ours["distinct" + sfx] = {rows_of(select(unique(a, {"x"}, Keep::First, 2), {"x"})), "F"};
    add_query("distinct" + sfx, "SELECT DISTINCT x FROM " + an);
    ours["sort" + sfx] = {rows_of(select(sort(a, {SortKey{"x", true, true}, SortKey{"id", false, false}}, 2), {"x", "id"})), "FX"};
    add_query("sort" + sfx, "SELECT x, id FROM " + an + " ORDER BY x DESC NULLS FIRST, id ASC");
    ours["filter" + sfx] = {rows_of(select(filter(a, *parse_expression("x > 1 or x = 0"), 2), {"x", "id"})), "FX"};
    add_query("filter" + sfx, "SELECT x, id FROM " + an + " WHERE x > 1 OR x = 0");
  }
  auto duck = run_duckdb();
  for (auto& [name, rk] : ours) expect_same_rows(name, rk.first, duck[name], rk.second, name.rfind("sort", 0) == 0);
}
