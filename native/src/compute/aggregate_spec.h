// What an aggregation asks for: the function, its input column, its parameter and its output
// name; plus the typing rules shared by groupby and whole-column (scalar) aggregates.
//
// Semantics (SQL / DuckDB style, documented once here):
//  - nulls in the input are ignored by every function but count_all (which counts rows);
//  - a group (or column) without any non-null value gives null for sum, mean, min, max, var, std,
//    var_pop, std_pop, first, last, median and quantile, and 0 for count and nunique;
//  - var/std are sample statistics (ddof = 1) and are null for fewer than two values; var_pop and
//    std_pop divide by n (0 for a single value);
//  - floats: NaN propagates through sum/mean/var (IEEE); for min/max/median/quantile/nunique NaN is
//    one value that sorts after +inf (so max of a group holding NaN is NaN), and -0.0 equals 0.0
//    (min/max keep the first of equal values in input order);
//  - quantile(q) interpolates linearly between the closest ranks (pandas' and numpy's default):
//    pos = q*(n-1), v[floor] + (v[ceil]-v[floor]) * frac; median = quantile(0.5);
//  - first/last are the first/last non-null value in input order;
//  - result types: sum of signed integers -> int64 (overflow is an Invalid error), of unsigned ->
//    uint64, of floats -> float64; mean/var/std/median/quantile -> float64; count/count_all/nunique
//    -> int64; min/max/first/last keep the input type (any type, strings, bool, dates, timestamps).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "arrow/type.h"

namespace deeprc::compute {

// Values match DRC_AGG_* in deeprc.h.
enum class AggFunc : int32_t {
  Sum = 0,
  Count = 1,
  CountAll = 2,
  Mean = 3,
  Min = 4,
  Max = 5,
  Var = 6,
  Std = 7,
  VarPop = 8,
  StdPop = 9,
  First = 10,
  Last = 11,
  NUnique = 12,
  Median = 13,
  Quantile = 14,
};
inline constexpr int32_t kNumAggFuncs = 15;

struct AggSpec {
  std::string column;  // input column; may be empty for count_all only
  AggFunc func = AggFunc::Count;
  double q = 0.5;      // quantile only, in [0, 1]
  std::string alias;   // output name; empty = default name (see output_name)
};

// "sum", "count", "count_all", "mean", "min", "max", "var", "std", "var_pop", "std_pop", "first",
// "last", "nunique", "median", "quantile".
const char* agg_func_name(AggFunc f);
// Parses a name above; throws Invalid listing the valid names.
AggFunc parse_agg_func(const std::string& name);
// Validates an int32 from the C ABI; throws Invalid.
AggFunc agg_func_from_int(int32_t f);

// The default output name: "<column>_<func>" ("<column>_q<q*100>" for quantile, e.g. v_q90,
// v_q12.5; "count_all" when count_all has no column). The alias wins when given.
std::string output_name(const AggSpec& spec);

// Result type of `f` over an input of type `in`; throws Invalid naming the column when the function
// is not defined for the type (e.g. sum of a utf8 column) or q is outside [0, 1].
DataType result_type(const AggSpec& spec, const DataType& in);

// True for functions computed from partial states that merge (the distributed groupby combines
// them per rank, shuffles the partial states and merges): everything but nunique/median/quantile.
bool is_decomposable(AggFunc f);

}  // namespace deeprc::compute
