// Decomposable aggregate kernels: count, count_all, sum, mean, var/std (Welford), min/max,
// first/last. Each keeps struct-of-arrays state indexed by group id.
#include <cmath>
#include <limits>
#include <type_traits>
#include <vector>

#include "arrow/selection.h"
#include "compute/aggregate_kernel.h"
#include "compute/aggregate_output.h"
#include "compute/numeric_dispatch.h"
#include "core/error.h"

namespace deeprc::compute {
namespace {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

// Runs body(i) for every update position whose row is non-null; the no-null loop has no branch.
template <typename Body>
inline void for_valid(const Array& values, const int64_t* rows, int64_t n, Body&& body) {
  if (values.null_count() == 0) {
    for (int64_t i = 0; i < n; ++i) body(i);
  } else {
    for (int64_t i = 0; i < n; ++i)
      if (values.is_valid(rows[i])) body(i);
  }
}

class CountAllKernel final : public AggKernel {
 public:
  void resize(int64_t g) override { count_.resize(static_cast<size_t>(g), 0); }
  void update(const int64_t*, const uint32_t* gids, int64_t n) override {
    for (int64_t i = 0; i < n; ++i) ++count_[gids[i]];
  }
  Array finalize() override { return array_from_values(DataType(TypeId::Int64), count_); }

 private:
  std::vector<int64_t> count_;
};

class CountKernel final : public AggKernel {
 public:
  explicit CountKernel(const Array& v) : v_(v) {}
  void resize(int64_t g) override { count_.resize(static_cast<size_t>(g), 0); }
  void update(const int64_t* rows, const uint32_t* gids, int64_t n) override {
    for_valid(v_, rows, n, [&](int64_t i) { ++count_[gids[i]]; });
  }
  Array finalize() override { return array_from_values(DataType(TypeId::Int64), count_); }

 private:
  Array v_;
  std::vector<int64_t> count_;
};

// Accumulator type of sums: double for floats, 128-bit integers for integers (exact; the
// overflow check happens once per group at the end).
template <typename T>
using SumAcc = std::conditional_t<std::is_floating_point_v<T>, double, std::conditional_t<std::is_signed_v<T>, i128, u128>>;

// sum and mean share the state (sum, count); mean divides at the end.
template <typename T>
class SumKernel final : public AggKernel {
 public:
  SumKernel(const Array& v, const AggSpec& spec, bool mean) : v_(v), spec_(spec), mean_(mean) {}
  void resize(int64_t g) override {
    sum_.resize(static_cast<size_t>(g), SumAcc<T>{});
    count_.resize(static_cast<size_t>(g), 0);
  }
  void update(const int64_t* rows, const uint32_t* gids, int64_t n) override {
    const T* x = v_.values<T>();
    SumAcc<T>* s = sum_.data();
    int64_t* c = count_.data();
    for_valid(v_, rows, n, [&](int64_t i) {
      s[gids[i]] += static_cast<SumAcc<T>>(x[rows[i]]);
      ++c[gids[i]];
    });
  }
  Array finalize() override {
    const size_t g = sum_.size();
    std::vector<uint8_t> valid(g);
    for (size_t i = 0; i < g; ++i) valid[i] = count_[i] > 0;
    if (mean_) {
      std::vector<double> out(g, 0.0);
      for (size_t i = 0; i < g; ++i)
        if (count_[i] > 0)
          out[i] = static_cast<double>(static_cast<long double>(sum_[i]) / static_cast<long double>(count_[i]));
      return array_from_values(DataType(TypeId::Float64), out, &valid);
    }
    if constexpr (std::is_floating_point_v<T>) {
      return array_from_values(DataType(TypeId::Float64), sum_, &valid);
    } else {
      using Out = std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>;
      std::vector<Out> out(g, 0);
      for (size_t i = 0; i < g; ++i) {
        if (sum_[i] > static_cast<SumAcc<T>>(std::numeric_limits<Out>::max()) ||
            sum_[i] < static_cast<SumAcc<T>>(std::numeric_limits<Out>::min()))
          throw_invalid("sum of column '" + spec_.column + "' overflows " +
                        (std::is_signed_v<T> ? "int64" : "uint64") + " (in output group " + std::to_string(i) +
                        "); cast the column to float64 first");
        out[i] = static_cast<Out>(sum_[i]);
      }
      return array_from_values(DataType(std::is_signed_v<T> ? TypeId::Int64 : TypeId::UInt64), out, &valid);
    }
  }

 private:
  Array v_;
  AggSpec spec_;
  bool mean_;
  std::vector<SumAcc<T>> sum_;
  std::vector<int64_t> count_;
};

// Welford's online update per group on SHIFTED values (x - the group's first value): Welford
// alone avoids the catastrophic cancellation of sum-of-squares, and the shift keeps the running
// mean small, so data like 1e9 + noise keeps its digits (plain Welford loses ~8 of them to the
// rounding of a large running mean). The state (n, shift + mean, M2) merges exactly with Chan's
// formula (see aggregate_kernel.h).
template <typename T>
class VarKernel final : public AggKernel {
 public:
  VarKernel(const Array& v, AggFunc f) : v_(v), f_(f) {}
  void resize(int64_t g) override {
    n_.resize(static_cast<size_t>(g), 0);
    shift_.resize(static_cast<size_t>(g), 0.0);
    mean_.resize(static_cast<size_t>(g), 0.0);
    m2_.resize(static_cast<size_t>(g), 0.0);
  }
  void update(const int64_t* rows, const uint32_t* gids, int64_t n) override {
    const T* x = v_.values<T>();
    for_valid(v_, rows, n, [&](int64_t i) {
      const uint32_t g = gids[i];
      const double val = static_cast<double>(x[rows[i]]);
      const int64_t k = ++n_[g];
      if (k == 1) shift_[g] = std::isfinite(val) ? val : 0.0;
      const double y = val - shift_[g];
      const double d = y - mean_[g];
      mean_[g] += d / static_cast<double>(k);
      m2_[g] += d * (y - mean_[g]);
    });
  }
  Array finalize() override {
    const size_t g = n_.size();
    const bool sample = f_ == AggFunc::Var || f_ == AggFunc::Std;
    const bool root = f_ == AggFunc::Std || f_ == AggFunc::StdPop;
    std::vector<double> out(g, 0.0);
    std::vector<uint8_t> valid(g, 0);
    for (size_t i = 0; i < g; ++i) {
      const int64_t k = n_[i];
      if (k == 0 || (sample && k < 2)) continue;
      // A non-finite input makes the running mean non-finite; report NaN rather than a
      // meaningless M2 (inf - inf).
      double var = std::isfinite(mean_[i]) ? m2_[i] / static_cast<double>(sample ? k - 1 : k)
                                           : std::numeric_limits<double>::quiet_NaN();
      if (var < 0) var = 0;  // rounding can leave -tiny for constant groups
      out[i] = root ? std::sqrt(var) : var;
      valid[i] = 1;
    }
    return array_from_values(DataType(TypeId::Float64), out, &valid);
  }

 private:
  Array v_;
  AggFunc f_;
  std::vector<int64_t> n_;
  std::vector<double> shift_;
  std::vector<double> mean_;
  std::vector<double> m2_;
};

// Total order used by min/max: NaN after +inf; -0.0 == 0.0 (strict compares keep the first).
template <typename T>
inline bool less_total(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(b)) return !std::isnan(a);
    return a < b;  // NaN a: false
  } else {
    return a < b;
  }
}

template <typename T, bool IsMax>
class MinMaxKernel final : public AggKernel {
 public:
  explicit MinMaxKernel(const Array& v) : v_(v) {}
  void resize(int64_t g) override {
    best_.resize(static_cast<size_t>(g), T{});
    has_.resize(static_cast<size_t>(g), 0);
  }
  void update(const int64_t* rows, const uint32_t* gids, int64_t n) override {
    const T* x = v_.values<T>();
    for_valid(v_, rows, n, [&](int64_t i) {
      const uint32_t g = gids[i];
      const T val = x[rows[i]];
      const bool better = IsMax ? less_total(best_[g], val) : less_total(val, best_[g]);
      if (!has_[g] || better) {
        best_[g] = val;
        has_[g] = 1;
      }
    });
  }
  Array finalize() override { return array_from_values(v_.type(), best_, &has_); }

 private:
  Array v_;
  std::vector<T> best_;
  std::vector<uint8_t> has_;
};

// Row-based states for types without a cheap value copy (strings, bit-packed bools) and for
// first/last: the state is the chosen input row (-1 = none) and finalize() gathers it with take.
class RowPickKernel : public AggKernel {
 public:
  explicit RowPickKernel(const Array& v) : v_(v) {}
  void resize(int64_t g) override { row_.resize(static_cast<size_t>(g), -1); }
  Array finalize() override { return take(v_, row_.data(), static_cast<int64_t>(row_.size())); }

 protected:
  Array v_;
  std::vector<int64_t> row_;
};

template <bool IsLast>
class FirstLastKernel final : public RowPickKernel {
 public:
  using RowPickKernel::RowPickKernel;
  void update(const int64_t* rows, const uint32_t* gids, int64_t n) override {
    for_valid(v_, rows, n, [&](int64_t i) {
      int64_t& r = row_[gids[i]];
      if (IsLast || r < 0) r = rows[i];
    });
  }
};

template <bool IsMax>
class MinMaxRowKernel final : public RowPickKernel {
 public:
  using RowPickKernel::RowPickKernel;
  void update(const int64_t* rows, const uint32_t* gids, int64_t n) override {
    const bool strings = is_string(v_.type_id());
    for_valid(v_, rows, n, [&](int64_t i) {
      int64_t& r = row_[gids[i]];
      if (r < 0) {
        r = rows[i];
        return;
      }
      bool better;
      if (strings) {
        const auto a = v_.string_value(rows[i]), b = v_.string_value(r);
        better = IsMax ? b < a : a < b;
      } else {
        const bool a = v_.bool_value(rows[i]), b = v_.bool_value(r);
        better = IsMax ? (!b && a) : (!a && b);
      }
      if (better) r = rows[i];
    });
  }
};

}  // namespace

std::unique_ptr<AggKernel> make_basic_kernel(const AggSpec& spec, const Array& values) {
  const AggFunc f = spec.func;
  if (f == AggFunc::CountAll) return std::make_unique<CountAllKernel>();
  if (f == AggFunc::Count) return std::make_unique<CountKernel>(values);
  if (f == AggFunc::First) return std::make_unique<FirstLastKernel<false>>(values);
  if (f == AggFunc::Last) return std::make_unique<FirstLastKernel<true>>(values);
  const TypeId id = values.type_id();
  if (f == AggFunc::Min || f == AggFunc::Max) {
    if (id == TypeId::Bool || is_string(id)) {
      if (f == AggFunc::Max) return std::make_unique<MinMaxRowKernel<true>>(values);
      return std::make_unique<MinMaxRowKernel<false>>(values);
    }
    return dispatch_fixed_width(id, [&](auto t) -> std::unique_ptr<AggKernel> {
      using T = decltype(t);
      if (f == AggFunc::Max) return std::make_unique<MinMaxKernel<T, true>>(values);
      return std::make_unique<MinMaxKernel<T, false>>(values);
    });
  }
  // Numeric-only functions (result_type has already rejected other types).
  if (!is_integer(id) && !is_floating(id)) throw_internal("numeric aggregate over non-numeric column");
  return dispatch_fixed_width(id, [&](auto t) -> std::unique_ptr<AggKernel> {
    using T = decltype(t);
    switch (f) {
      case AggFunc::Sum: return std::make_unique<SumKernel<T>>(values, spec, false);
      case AggFunc::Mean: return std::make_unique<SumKernel<T>>(values, spec, true);
      case AggFunc::Var: case AggFunc::Std: case AggFunc::VarPop: case AggFunc::StdPop:
        return std::make_unique<VarKernel<T>>(values, f);
      default: throw_internal("make_basic_kernel: not a basic aggregate");
    }
  });
}

std::unique_ptr<AggKernel> make_kernel(const AggSpec& spec, const Array& values) {
  if (spec.func != AggFunc::CountAll || values.valid_handle()) result_type(spec, values.type());
  if (is_decomposable(spec.func)) return make_basic_kernel(spec, values);
  return make_holistic_kernel(spec, values);
}

}  // namespace deeprc::compute
