// A sequential pseudo-random stream for the time-series generators (hydrology, ETT): uniform,
// normal and gamma variates from the splitmix counter generator, so every value is a pure
// function of (seed, kind, index, draw number) on every platform (std::*_distribution is not).
#pragma once
#include <cmath>
#include <cstdint>

#include "gen/splitmix.h"

namespace deeprc::gen {

class RandomStream {
 public:
  // Stream `index` of family `kind` (< 256) under `seed`, e.g. (seed, weather, basin b).
  RandomStream(uint64_t seed, uint64_t kind, uint64_t index) : base_(mix(seed, kind, index)) {}
  // In (0, 1): never 0, so logs are finite.
  double uniform() { return (static_cast<double>(mix(base_, 0, i_++) >> 11) + 0.5) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Standard normal (Box-Muller; the second variate is kept for the next call).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double r = std::sqrt(-2.0 * std::log(uniform()));
    const double a = 2.0 * M_PI * uniform();
    spare_ = r * std::sin(a);
    has_spare_ = true;
    return r * std::cos(a);
  }
  // Gamma(shape k > 0, scale 1): Marsaglia and Tsang, with the k < 1 boost.
  double gamma(double k) {
    if (k < 1.0) return gamma(k + 1.0) * std::pow(uniform(), 1.0 / k);
    const double d = k - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x, v;
      do {
        x = normal();
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      const double u = uniform();
      if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
    }
  }

 private:
  uint64_t base_, i_ = 0;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace deeprc::gen
