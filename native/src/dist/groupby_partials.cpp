#include "dist/groupby_partials.h"

#include <cmath>
#include <limits>
#include <set>

#include "compute/aggregate_output.h"
#include "compute/group_table.h"
#include "compute/groupby.h"
#include "compute/row_keys.h"
#include "core/error.h"

namespace deeprc::dist {
namespace {

using compute::AggFunc;
using compute::AggSpec;

bool is_var_family(AggFunc f) {
  return f == AggFunc::Var || f == AggFunc::Std || f == AggFunc::VarPop || f == AggFunc::StdPop;
}

// The partial column holding state `f` of `column`; aggregates needing the same state share it
// (sum, mean and count of one column: two partial columns). The unit separator keeps the names
// apart from user column names.
std::string state_name(AggFunc f, const std::string& column) {
  return std::string("\x1f") + compute::agg_func_name(f) + ":" + column;
}

bool float_input(const Schema& input, const AggSpec& a) {
  const TypeId t = input.field(input.require_index(a.column)).type.id;
  return t == TypeId::Float32 || t == TypeId::Float64;
}

AggSpec spec(const std::string& column, AggFunc f, std::string alias) {
  AggSpec s;
  s.column = column;
  s.func = f;
  s.alias = std::move(alias);
  return s;
}

// Dense group ids of the partial rows in first-appearance order (the merged groupby's order).
std::vector<uint32_t> group_ids(const Table& partials, const std::vector<std::string>& keys, int threads,
                                int64_t expected_groups) {
  const int64_t n = partials.num_rows();
  std::vector<uint32_t> gid(static_cast<size_t>(n), 0);
  const compute::KeyColumns kc = compute::key_columns(partials, keys);
  std::vector<uint64_t> hashes(static_cast<size_t>(n));
  compute::hash_rows(kc, hashes.data(), threads);
  compute::RowKeyGroups groups(kc, hashes.data());
  for (int64_t i = 0; i < n; ++i) gid[static_cast<size_t>(i)] = groups.find_or_insert(i);
  if (groups.size() != expected_groups)
    throw_internal("distributed groupby merge found " + std::to_string(groups.size()) + " groups, expected " +
                   std::to_string(expected_groups));
  return gid;
}

// mean = (sum of partial sums, or of partial mean * count) / total count.
Array merge_mean(const Table& partials, const std::string& column, bool from_sums, const std::vector<uint32_t>& gid,
                 int64_t groups) {
  const Array& v = partials.column(state_name(from_sums ? AggFunc::Sum : AggFunc::Mean, column));
  const Array& c = partials.column(state_name(AggFunc::Count, column));
  const double* x = v.values<double>();
  const int64_t* cnt = c.values<int64_t>();
  std::vector<long double> num(static_cast<size_t>(groups), 0.0L);
  std::vector<int64_t> n(static_cast<size_t>(groups), 0);
  for (int64_t r = 0; r < partials.num_rows(); ++r) {
    if (cnt[r] == 0) continue;
    const uint32_t g = gid[static_cast<size_t>(r)];
    num[g] += from_sums ? static_cast<long double>(x[r]) : static_cast<long double>(x[r]) * cnt[r];
    n[g] += cnt[r];
  }
  std::vector<double> out(static_cast<size_t>(groups), 0.0);
  std::vector<uint8_t> valid(static_cast<size_t>(groups), 0);
  for (int64_t g = 0; g < groups; ++g) {
    if (n[g] == 0) continue;
    out[g] = static_cast<double>(num[g] / static_cast<long double>(n[g]));
    valid[g] = 1;
  }
  return compute::array_from_values(DataType(TypeId::Float64), out, &valid);
}

// var / std from (count, mean, var_pop) partials: Chan's pairwise merge, in row (= rank) order.
Array merge_var(const Table& partials, const std::string& column, AggFunc f, const std::vector<uint32_t>& gid,
                int64_t groups) {
  const int64_t* cnt = partials.column(state_name(AggFunc::Count, column)).values<int64_t>();
  const double* mean = partials.column(state_name(AggFunc::Mean, column)).values<double>();
  const double* vpop = partials.column(state_name(AggFunc::VarPop, column)).values<double>();
  struct State {
    int64_t n = 0;
    double mean = 0, m2 = 0;
  };
  std::vector<State> st(static_cast<size_t>(groups));
  for (int64_t r = 0; r < partials.num_rows(); ++r) {
    const int64_t nb = cnt[r];
    if (nb == 0) continue;
    State& s = st[gid[static_cast<size_t>(r)]];
    const double m2b = vpop[r] * static_cast<double>(nb);
    if (s.n == 0) {
      s = {nb, mean[r], m2b};
      continue;
    }
    const int64_t total = s.n + nb;
    const double d = mean[r] - s.mean;
    s.m2 += m2b + d * d * static_cast<double>(s.n) * static_cast<double>(nb) / static_cast<double>(total);
    s.mean += d * static_cast<double>(nb) / static_cast<double>(total);
    s.n = total;
  }
  const bool sample = f == AggFunc::Var || f == AggFunc::Std;
  const bool root = f == AggFunc::Std || f == AggFunc::StdPop;
  std::vector<double> out(static_cast<size_t>(groups), 0.0);
  std::vector<uint8_t> valid(static_cast<size_t>(groups), 0);
  for (int64_t g = 0; g < groups; ++g) {
    const State& s = st[static_cast<size_t>(g)];
    if (s.n == 0 || (sample && s.n < 2)) continue;
    // Same conventions as the local kernel: non-finite data gives NaN, rounding never gives < 0.
    double var = std::isfinite(s.mean) && std::isfinite(s.m2)
                     ? s.m2 / static_cast<double>(sample ? s.n - 1 : s.n)
                     : std::numeric_limits<double>::quiet_NaN();
    if (var < 0) var = 0;
    out[g] = root ? std::sqrt(var) : var;
    valid[g] = 1;
  }
  return compute::array_from_values(DataType(TypeId::Float64), out, &valid);
}

}  // namespace

bool all_decomposable(const std::vector<AggSpec>& aggs) {
  for (const AggSpec& a : aggs)
    if (!compute::is_decomposable(a.func)) return false;
  return true;
}

PartialPlan plan_partials(const Schema& input, const std::vector<AggSpec>& aggs) {
  PartialPlan plan;
  std::set<std::string> have;
  const auto need = [&](AggFunc f, const std::string& column) {
    std::string name = state_name(f, column);
    if (have.insert(name).second) plan.partial.push_back(spec(column, f, std::move(name)));
  };
  for (const AggSpec& a : aggs) {
    switch (a.func) {
      case AggFunc::Mean:
        need(float_input(input, a) ? AggFunc::Sum : AggFunc::Mean, a.column);
        need(AggFunc::Count, a.column);
        break;
      case AggFunc::Var: case AggFunc::Std: case AggFunc::VarPop: case AggFunc::StdPop:
        need(AggFunc::Count, a.column);
        need(AggFunc::Mean, a.column);
        need(AggFunc::VarPop, a.column);
        break;
      default:  // sum, count, count_all, min, max, first, last: one state of the same kind
        need(a.func, a.column);
        break;
    }
  }
  return plan;
}

Table merge_partials(const Table& partials, const std::vector<std::string>& keys, const std::vector<AggSpec>& aggs,
                     const Schema& input, const Schema& result_schema, int threads) {
  // The states that merge with a plain aggregate: sums and counts add up, min/max/first/last of
  // the partial values (in rank order) are those of all the values.
  std::vector<AggSpec> merge;
  std::vector<int> merged_index(aggs.size(), -1);
  for (size_t i = 0; i < aggs.size(); ++i) {
    const AggFunc f = aggs[i].func;
    if (f == AggFunc::Mean || is_var_family(f)) continue;
    const AggFunc m = (f == AggFunc::Count || f == AggFunc::CountAll) ? AggFunc::Sum : f;
    merged_index[i] = static_cast<int>(keys.size() + merge.size());
    merge.push_back(spec(state_name(f, aggs[i].column), m, "\x1fout:" + std::to_string(i)));
  }
  const Table merged = compute::groupby(partials, keys, merge, threads);
  const int64_t groups = merged.num_rows();

  std::vector<uint32_t> gid;
  std::vector<Array> columns;
  for (size_t k = 0; k < keys.size(); ++k) columns.push_back(merged.column(static_cast<int>(k)));
  for (size_t i = 0; i < aggs.size(); ++i) {
    const AggFunc f = aggs[i].func;
    if (merged_index[i] >= 0) {
      columns.push_back(merged.column(merged_index[i]));
      continue;
    }
    if (gid.empty() && partials.num_rows() > 0) gid = group_ids(partials, keys, threads, groups);
    columns.push_back(f == AggFunc::Mean ? merge_mean(partials, aggs[i].column, float_input(input, aggs[i]), gid, groups)
                                         : merge_var(partials, aggs[i].column, f, gid, groups));
  }
  return Table(result_schema, std::move(columns), groups);
}

}  // namespace deeprc::dist
