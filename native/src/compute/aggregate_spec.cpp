#include "compute/aggregate_spec.h"

#include <cmath>
#include <cstdio>

#include "core/error.h"

namespace deeprc::compute {

namespace {
constexpr const char* kNames[kNumAggFuncs] = {"sum", "count", "count_all", "mean",   "min",
                                               "max", "var",   "std",       "var_pop", "std_pop",
                                               "first", "last", "nunique",  "median", "quantile"};

bool numeric(TypeId id) { return is_integer(id) || is_floating(id); }

std::string describe(const AggSpec& s, const DataType& in) {
  return "column '" + s.column + "' (" + in.to_string() + ")";
}
}  // namespace

const char* agg_func_name(AggFunc f) {
  const auto i = static_cast<int32_t>(f);
  return i >= 0 && i < kNumAggFuncs ? kNames[i] : "?";
}

AggFunc parse_agg_func(const std::string& name) {
  for (int32_t i = 0; i < kNumAggFuncs; ++i)
    if (name == kNames[i]) return static_cast<AggFunc>(i);
  std::string all;
  for (int32_t i = 0; i < kNumAggFuncs; ++i) all += (i ? ", " : "") + std::string(kNames[i]);
  throw_invalid("unknown aggregate function '" + name + "' (expected one of: " + all + ")");
}

AggFunc agg_func_from_int(int32_t f) {
  if (f < 0 || f >= kNumAggFuncs)
    throw_invalid("unknown aggregate function code " + std::to_string(f) + " (expected 0.." +
                  std::to_string(kNumAggFuncs - 1) + ")");
  return static_cast<AggFunc>(f);
}

std::string output_name(const AggSpec& spec) {
  if (!spec.alias.empty()) return spec.alias;
  if (spec.column.empty()) return agg_func_name(spec.func);
  if (spec.func == AggFunc::Quantile) {
    // %.10g turns 0.9*100 = 90.00000000000001 into "90" and keeps 12.5 as "12.5".
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", spec.q * 100.0);
    return spec.column + "_q" + buf;
  }
  return spec.column + "_" + agg_func_name(spec.func);
}

DataType result_type(const AggSpec& spec, const DataType& in) {
  const TypeId id = in.id;
  auto need_numeric = [&] {
    if (!numeric(id))
      throw_invalid(std::string("cannot compute ") + agg_func_name(spec.func) + " of " + describe(spec, in) +
                    ": it needs a numeric (integer or floating-point) column");
  };
  switch (spec.func) {
    case AggFunc::Count:
    case AggFunc::CountAll:
    case AggFunc::NUnique:
      return DataType(TypeId::Int64);
    case AggFunc::Min:
    case AggFunc::Max:
    case AggFunc::First:
    case AggFunc::Last:
      return in;
    case AggFunc::Sum:
      need_numeric();
      if (is_floating(id)) return DataType(TypeId::Float64);
      return DataType(is_signed_integer(id) ? TypeId::Int64 : TypeId::UInt64);
    case AggFunc::Quantile:
      if (!(spec.q >= 0.0 && spec.q <= 1.0))  // also rejects NaN
        throw_invalid("quantile of column '" + spec.column + "': q must be in [0, 1], got " + std::to_string(spec.q));
      [[fallthrough]];
    case AggFunc::Mean:
    case AggFunc::Var:
    case AggFunc::Std:
    case AggFunc::VarPop:
    case AggFunc::StdPop:
    case AggFunc::Median:
      need_numeric();
      return DataType(TypeId::Float64);
  }
  throw_invalid("unknown aggregate function");
}

bool is_decomposable(AggFunc f) {
  return f != AggFunc::NUnique && f != AggFunc::Median && f != AggFunc::Quantile;
}

}  // namespace deeprc::compute
