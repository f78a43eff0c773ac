// Typed loops over chunks (internal to the evaluator). Every kernel is a template instantiated
// per physical kind and per scalar/vector operand shape, so the per-row loop is a plain loop
// over arrays that the compiler can vectorise; dispatch happens once per chunk.
#pragma once
#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>

#include "compute/expr_vec.h"

namespace deeprc::compute::kernels {

// Applies f to (l[i], r[i]) for i < n, with either side possibly a broadcast scalar.
template <typename L, typename R, typename O, typename F>
inline void zip(const Vec& a, const Vec& b, O* out, int64_t n, F f) {
  const L* l = a.as<L>();
  const R* r = b.as<R>();
  if (a.scalar && b.scalar) {
    out[0] = f(l[0], r[0]);
  } else if (a.scalar) {
    const L x = l[0];
    for (int64_t i = 0; i < n; ++i) out[i] = f(x, r[i]);
  } else if (b.scalar) {
    const R y = r[0];
    for (int64_t i = 0; i < n; ++i) out[i] = f(l[i], y);
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = f(l[i], r[i]);
  }
}

// Total order on doubles: NaN == NaN, NaN above everything, -0 == 0.
inline bool f_eq(double a, double b) { return (a == b) | ((a != a) & (b != b)); }
inline bool f_lt(double a, double b) { return (a < b) | ((a == a) & (b != b)); }

template <typename L, typename R>
inline bool eq(L a, R b) {
  if constexpr (std::is_same_v<L, double>) return f_eq(a, b);
  else if constexpr (std::is_integral_v<L> && std::is_integral_v<R> && !std::is_same_v<L, R>) return std::cmp_equal(a, b);
  else return a == b;
}

template <typename L, typename R>
inline bool lt(L a, R b) {
  if constexpr (std::is_same_v<L, double>) return f_lt(a, b);
  else if constexpr (std::is_integral_v<L> && std::is_integral_v<R> && !std::is_same_v<L, R>) return std::cmp_less(a, b);
  else return a < b;
}

}  // namespace deeprc::compute::kernels
