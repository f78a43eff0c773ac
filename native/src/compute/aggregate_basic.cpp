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

// Group states are visited in random order; touching every state line of a batch first lets the
// memory system fetch them in parallel, so the update loop that follows mostly hits cache.
template <typename State>
inline void prefetch_states(const State* states, const uint32_t* gids, int64_t n) {
  for (int64_t i = 0; i < n; ++i) __builtin_prefetch(states + gids[i], 1);
}

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
    prefetch_states(count_.data(), gids, n);
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
    prefetch_states(count_.data(), gids, n);
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

// sum, mean and count of one numeric column share one state (sum, count) per group, side by
// side in one struct so that an update touches one cache line (groups are visited randomly).
// When a query asks for several of them on the same column (W3: sum, mean and count of v),
// make_kernels() gives all but one a view of the owner's state, so the rows are read and the
// states touched once.
template <typename T>
class SumState {
 public:
  struct State {
    SumAcc<T> sum{};
    int64_t count = 0;
  };
  void resize(int64_t g) { state_.resize(static_cast<size_t>(g), State{}); }
  void update(const Array& v, const int64_t* rows, const uint32_t* gids, int64_t n) {
    const T* x = v.values<T>();
    State* s = state_.data();
    prefetch_states(s, gids, n);
    for_valid(v, rows, n, [&](int64_t i) {
      State& st = s[gids[i]];
      st.sum += static_cast<SumAcc<T>>(x[rows[i]]);
      ++st.count;
    });
  }
  Array finalize(AggFunc f, const std::string& column) const {
    const size_t g = state_.size();
    if (f == AggFunc::Count) {
      std::vector<int64_t> out(g);
      for (size_t i = 0; i < g; ++i) out[i] = state_[i].count;
      return array_from_values(DataType(TypeId::Int64), out);
    }
    std::vector<uint8_t> valid(g);
    for (size_t i = 0; i < g; ++i) valid[i] = state_[i].count > 0;
    if (f == AggFunc::Mean) {
      std::vector<double> out(g, 0.0);
      for (size_t i = 0; i < g; ++i)
        if (state_[i].count > 0)
          out[i] = static_cast<double>(static_cast<long double>(state_[i].sum) / static_cast<long double>(state_[i].count));
      return array_from_values(DataType(TypeId::Float64), out, &valid);
    }
    if constexpr (std::is_floating_point_v<T>) {
      std::vector<double> out(g);
      for (size_t i = 0; i < g; ++i) out[i] = state_[i].sum;
      return array_from_values(DataType(TypeId::Float64), out, &valid);
    } else {
      using Out = std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>;
      std::vector<Out> out(g, 0);
      for (size_t i = 0; i < g; ++i) {
        const SumAcc<T> v = state_[i].sum;
        if (v > static_cast<SumAcc<T>>(std::numeric_limits<Out>::max()) ||
            v < static_cast<SumAcc<T>>(std::numeric_limits<Out>::min()))
          throw_invalid("sum of column '" + column + "' overflows " +
                        (std::is_signed_v<T> ? "int64" : "uint64") + " (in output group " + std::to_string(i) +
                        "); cast the column to float64 first");
        out[i] = static_cast<Out>(v);
      }
      return array_from_values(DataType(std::is_signed_v<T> ? TypeId::Int64 : TypeId::UInt64), out, &valid);
    }
  }

 private:
  std::vector<State> state_;
};

// Owner (updates the shared state) or view (only finalises from it) of a SumState.
template <typename T>
class SumKernel final : public AggKernel {
 public:
  SumKernel(const Array& v, const AggSpec& spec, std::shared_ptr<SumState<T>> state, bool owner)
      : v_(v), spec_(spec), state_(std::move(state)), owner_(owner) {}
  void resize(int64_t g) override {
    if (owner_) state_->resize(g);
  }
  void update(const int64_t* rows, const uint32_t* gids, int64_t n) override {
    if (owner_) state_->update(v_, rows, gids, n);
  }
  Array finalize() override { return state_->finalize(spec_.func, spec_.column); }

 private:
  Array v_;
  AggSpec spec_;
  std::shared_ptr<SumState<T>> state_;
  bool owner_;
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
  void resize(int64_t g) override { state_.resize(static_cast<size_t>(g), State{}); }
  void update(const int64_t* rows, const uint32_t* gids, int64_t n) override {
    const T* x = v_.values<T>();
    prefetch_states(state_.data(), gids, n);
    for_valid(v_, rows, n, [&](int64_t i) {
      State& s = state_[gids[i]];
      const double val = static_cast<double>(x[rows[i]]);
      const int64_t k = ++s.n;
      if (k == 1) s.shift = std::isfinite(val) ? val : 0.0;
      const double y = val - s.shift;
      const double d = y - s.mean;
      s.mean += d / static_cast<double>(k);
      s.m2 += d * (y - s.mean);
    });
  }
  Array finalize() override {
    const size_t g = state_.size();
    const bool sample = f_ == AggFunc::Var || f_ == AggFunc::Std;
    const bool root = f_ == AggFunc::Std || f_ == AggFunc::StdPop;
    std::vector<double> out(g, 0.0);
    std::vector<uint8_t> valid(g, 0);
    for (size_t i = 0; i < g; ++i) {
      const State& s = state_[i];
      const int64_t k = s.n;
      if (k == 0 || (sample && k < 2)) continue;
      // A non-finite input makes the running mean non-finite; report NaN rather than a
      // meaningless M2 (inf - inf).
      double var = std::isfinite(s.mean) ? s.m2 / static_cast<double>(sample ? k - 1 : k)
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
  struct State {  // one 32-byte struct per group: one cache line per update
    int64_t n = 0;
    double shift = 0, mean = 0, m2 = 0;
  };
  std::vector<State> state_;
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
    prefetch_states(best_.data(), gids, n);
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
      case AggFunc::Sum: case AggFunc::Mean:
        return std::make_unique<SumKernel<T>>(values, spec, std::make_shared<SumState<T>>(), true);
      case AggFunc::Var: case AggFunc::Std: case AggFunc::VarPop: case AggFunc::StdPop:
        return std::make_unique<VarKernel<T>>(values, f);
      default: throw_internal("make_basic_kernel: not a basic aggregate");
    }
  });
}

std::vector<std::unique_ptr<AggKernel>> make_kernels(const std::vector<AggSpec>& specs, const std::vector<Array>& values) {
  std::vector<std::unique_ptr<AggKernel>> out(specs.size());
  // sum / mean / count over the same numeric column share one SumState.
  for (size_t i = 0; i < specs.size(); ++i) {
    if (out[i] || !values[i].valid_handle()) continue;
    const TypeId id = values[i].type_id();
    auto shares = [&](size_t j) {
      const AggFunc f = specs[j].func;
      return (f == AggFunc::Sum || f == AggFunc::Mean || f == AggFunc::Count) && values[j].valid_handle() &&
             values[j].data_ptr() == values[i].data_ptr();
    };
    if (!shares(i) || !(is_integer(id) || is_floating(id))) continue;
    size_t group = 0;
    for (size_t j = i; j < specs.size(); ++j) group += !out[j] && shares(j);
    if (group < 2) continue;
    for (size_t j = i; j < specs.size(); ++j)
      if (shares(j)) result_type(specs[j], values[j].type());  // validates like make_kernel
    dispatch_fixed_width(id, [&](auto t) {
      using T = decltype(t);
      auto state = std::make_shared<SumState<T>>();
      bool owner = true;
      for (size_t j = i; j < specs.size(); ++j) {
        if (out[j] || !shares(j)) continue;
        out[j] = std::make_unique<SumKernel<T>>(values[j], specs[j], state, owner);
        owner = false;
      }
    });
  }
  for (size_t i = 0; i < specs.size(); ++i)
    if (!out[i]) out[i] = make_kernel(specs[i], values[i]);
  return out;
}

std::unique_ptr<AggKernel> make_kernel(const AggSpec& spec, const Array& values) {
  if (spec.func != AggFunc::CountAll || values.valid_handle()) result_type(spec, values.type());
  if (is_decomposable(spec.func)) return make_basic_kernel(spec, values);
  return make_holistic_kernel(spec, values);
}

}  // namespace deeprc::compute
