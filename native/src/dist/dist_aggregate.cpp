// Distributed scalar aggregates (see dist_aggregate.h).
#include "dist/dist_aggregate.h"

#include <cmath>
#include <cstring>
#include <vector>

#include "compute/aggregate.h"
#include "compute/aggregate_output.h"
#include "core/error.h"
#include "dist/dist_agree.h"
#include "dist/dist_sort.h"
#include "dist/table_exchange.h"

namespace deeprc::dist {
namespace {

using compute::AggFunc;

// Every rank's partial results (1-element arrays, one column each), in rank order.
Table allgather_partials(comm::Communicator& comm, const std::vector<Array>& partials) {
  std::vector<Field> fields;
  for (size_t i = 0; i < partials.size(); ++i) fields.push_back(Field{"p" + std::to_string(i), partials[i].type(), true});
  return allgather_table(comm, Table(Schema(std::move(fields)), partials, 1));
}

Array f64_result(double v, bool valid) {
  const std::vector<uint8_t> ok{static_cast<uint8_t>(valid ? 1 : 0)};
  return compute::array_from_values(DataType(TypeId::Float64), std::vector<double>{valid ? v : 0.0}, &ok);
}

double f64_at(const Array& a, int64_t i) { return a.values<double>()[i]; }
int64_t i64_at(const Array& a, int64_t i) { return a.values<int64_t>()[i]; }

// var/std from per-rank (count, mean, M2), merged in rank order (Chan et al.).
Array moments(comm::Communicator& comm, const Array& values, AggFunc func, const std::string& name) {
  const Array count = compute::aggregate(values, AggFunc::Count, 0.5, name);
  const Array mean = compute::aggregate(values, AggFunc::Mean, 0.5, name);
  const Array var_pop = compute::aggregate(values, AggFunc::VarPop, 0.5, name);
  const Table all = allgather_partials(comm, {count, mean, var_pop});
  double n = 0, m = 0, m2 = 0;
  for (int64_t r = 0; r < all.num_rows(); ++r) {
    const auto nb = static_cast<double>(i64_at(all.column(0), r));
    if (nb == 0) continue;
    const double mb = f64_at(all.column(1), r);
    const double m2b = f64_at(all.column(2), r) * nb;
    if (n == 0) {
      n = nb, m = mb, m2 = m2b;
      continue;
    }
    const double total = n + nb, delta = mb - m;
    m += delta * nb / total;
    m2 += m2b + delta * delta * n * nb / total;
    n = total;
  }
  const bool sample = func == AggFunc::Var || func == AggFunc::Std;
  if (n == 0 || (sample && n < 2)) return f64_result(0, false);
  const double var = m2 / (sample ? n - 1 : n);
  return f64_result(func == AggFunc::Std || func == AggFunc::StdPop ? std::sqrt(var) : var, true);
}

Array mean(comm::Communicator& comm, const Array& values, const std::string& name) {
  const Array count = compute::aggregate(values, AggFunc::Count, 0.5, name);
  const Array m = compute::aggregate(values, AggFunc::Mean, 0.5, name);
  const Table all = allgather_partials(comm, {count, m});
  double n = 0, sum = 0;
  for (int64_t r = 0; r < all.num_rows(); ++r) {
    const auto nb = static_cast<double>(i64_at(all.column(0), r));
    if (nb == 0) continue;
    n += nb;
    sum += f64_at(all.column(1), r) * nb;
  }
  return f64_result(sum / n, n > 0);
}

Array nunique(comm::Communicator& comm, const Table& table, const std::string& column, int threads) {
  const int c = table.schema().require_index(column);
  const Table one = table.select({c});
  const Table shuffled = shuffle(comm, one, {column}, threads);
  const Array local = compute::aggregate(shuffled.column(0), AggFunc::NUnique, 0.5, column);
  const int64_t total = comm::allreduce_i64(comm, local.values<int64_t>()[0], comm::ReduceOp::Sum);
  return compute::array_from_values(DataType(TypeId::Int64), std::vector<int64_t>{total});
}

double as_double(const Array& a, int64_t i) {
  switch (a.type_id()) {
    case TypeId::Int8: return a.values<int8_t>()[i];
    case TypeId::Int16: return a.values<int16_t>()[i];
    case TypeId::Int32: return a.values<int32_t>()[i];
    case TypeId::Int64: return static_cast<double>(a.values<int64_t>()[i]);
    case TypeId::UInt8: return a.values<uint8_t>()[i];
    case TypeId::UInt16: return a.values<uint16_t>()[i];
    case TypeId::UInt32: return a.values<uint32_t>()[i];
    case TypeId::UInt64: return static_cast<double>(a.values<uint64_t>()[i]);
    case TypeId::Float32: return a.values<float>()[i];
    case TypeId::Float64: return a.values<double>()[i];
    default: throw_invalid("quantile needs a numeric column");
  }
}

// Values at global positions lo and hi of the non-null values in ascending order.
Array quantile(comm::Communicator& comm, const Table& table, const std::string& column, double q, int threads) {
  const int c = table.schema().require_index(column);
  const Table sorted = sort(comm, table.select({c}), {{column, false, false}}, threads);
  const Array& v = sorted.column(0);
  const int64_t mine = v.length() - v.null_count();  // nulls last: the non-null rows come first
  const auto counts = comm::allgather_i64(comm, mine);
  int64_t first = 0, n = 0;
  for (int r = 0; r < comm.size(); ++r) {
    if (r < comm.rank()) first += counts[static_cast<size_t>(r)];
    n += counts[static_cast<size_t>(r)];
  }
  if (n == 0) return f64_result(0, false);
  const double pos = q * static_cast<double>(n - 1);
  const auto lo = static_cast<int64_t>(std::floor(pos));
  const int64_t hi = std::min(lo + 1, n - 1);
  const double frac = pos - static_cast<double>(lo);
  // {has lo, lo value, has hi, hi value}; exactly one rank has each.
  double mine_vals[4] = {0, 0, 0, 0};
  if (lo >= first && lo < first + mine) mine_vals[0] = 1, mine_vals[1] = as_double(v, lo - first);
  if (hi >= first && hi < first + mine) mine_vals[2] = 1, mine_vals[3] = as_double(v, hi - first);
  const auto all = comm::allgather_bytes(comm, std::span(reinterpret_cast<const uint8_t*>(mine_vals), sizeof mine_vals));
  double a = 0, b = 0;
  for (const auto& blob : all) {
    double x[4];
    std::memcpy(x, blob.data(), sizeof x);
    if (x[0] != 0) a = x[1];
    if (x[2] != 0) b = x[3];
  }
  double r = a;
  if (frac > 0 && hi != lo) {
    if (a == -HUGE_VAL && std::isfinite(b)) r = a;
    else if (b != a) r = a + (b - a) * frac;
  }
  return f64_result(r, true);
}

}  // namespace

Array aggregate(comm::Communicator& comm, const Table& table, const std::string& column, AggFunc func, double q,
                int threads) {
  check_same_schema(comm, table.schema(), "distributed aggregate");
  if (column.empty()) {
    if (func != AggFunc::CountAll) throw_invalid(std::string(compute::agg_func_name(func)) + " needs a column");
    const int64_t n = comm::allreduce_i64(comm, table.num_rows(), comm::ReduceOp::Sum);
    return compute::array_from_values(DataType(TypeId::Int64), std::vector<int64_t>{n});
  }
  const int c = table.schema().index_of(column);
  if (c < 0) throw_not_found("aggregate: no column named '" + column + "'");
  const Array& values = table.column(c);
  compute::AggSpec spec{column, func, q, ""};
  (void)compute::result_type(spec, values.type());  // same error on every rank
  switch (func) {
    case AggFunc::Sum:
    case AggFunc::Min:
    case AggFunc::Max:
    case AggFunc::First:
    case AggFunc::Last: {
      // A partial sum may overflow on one rank only: agree before exchanging the partials.
      const Array partial = agreed(comm, [&] { return compute::aggregate(values, func, q, column); });
      const Table all = allgather_partials(comm, {partial});
      return compute::aggregate(all.column(0), func, q, column);
    }
    case AggFunc::Count:
    case AggFunc::CountAll: {
      const int64_t local = compute::aggregate(values, func, q, column).values<int64_t>()[0];
      const int64_t n = comm::allreduce_i64(comm, local, comm::ReduceOp::Sum);
      return compute::array_from_values(DataType(TypeId::Int64), std::vector<int64_t>{n});
    }
    case AggFunc::Mean: return mean(comm, values, column);
    case AggFunc::Var:
    case AggFunc::Std:
    case AggFunc::VarPop:
    case AggFunc::StdPop: return moments(comm, values, func, column);
    case AggFunc::NUnique: return nunique(comm, table, column, threads);
    case AggFunc::Median: return quantile(comm, table, column, 0.5, threads);
    case AggFunc::Quantile: return quantile(comm, table, column, q, threads);
  }
  throw_invalid("unknown aggregate function");
}

}  // namespace deeprc::dist
