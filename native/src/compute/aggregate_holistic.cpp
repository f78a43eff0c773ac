// Holistic aggregates (nunique, median, quantile): they need every value of a group, so the
// state is the list of (group, row) pairs of non-null values; finalize() counting-sorts them by
// group (stable: input order kept) and evaluates each group's values.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>
#include <vector>

#include "compute/aggregate_kernel.h"
#include "compute/aggregate_output.h"
#include "compute/canonical_bits.h"
#include "compute/numeric_dispatch.h"
#include "core/error.h"

namespace deeprc::compute {
namespace {

// NaN sorts after +inf (see aggregate_spec.h).
inline bool nan_last_less(double a, double b) {
  if (std::isnan(b)) return !std::isnan(a);
  return a < b;
}

class HolisticKernel final : public AggKernel {
 public:
  HolisticKernel(const AggSpec& spec, const Array& v) : spec_(spec), v_(v) {}
  void resize(int64_t g) override { groups_ = g; }
  void update(const int64_t* rows, const uint32_t* gids, int64_t n) override {
    const bool nulls = v_.null_count() > 0;
    for (int64_t i = 0; i < n; ++i) {
      if (nulls && v_.is_null(rows[i])) continue;
      gid_.push_back(gids[i]);
      row_.push_back(rows[i]);
    }
  }
  Array finalize() override {
    // Counting sort of the collected rows by group.
    std::vector<int64_t> start(static_cast<size_t>(groups_) + 1, 0);
    for (uint32_t g : gid_) ++start[g + 1];
    for (size_t g = 0; g < static_cast<size_t>(groups_); ++g) start[g + 1] += start[g];
    std::vector<int64_t> sorted(row_.size());
    {
      std::vector<int64_t> pos(start.begin(), start.end() - 1);
      for (size_t i = 0; i < row_.size(); ++i) sorted[static_cast<size_t>(pos[gid_[i]]++)] = row_[i];
    }
    gid_ = {};
    row_ = {};
    if (spec_.func == AggFunc::NUnique) return nunique(start, sorted);
    return quantile(start, sorted, spec_.func == AggFunc::Median ? 0.5 : spec_.q);
  }

 private:
  Array nunique(const std::vector<int64_t>& start, const std::vector<int64_t>& rows) const {
    std::vector<int64_t> out(static_cast<size_t>(groups_), 0);
    const TypeId id = v_.type_id();
    for (size_t g = 0; g < static_cast<size_t>(groups_); ++g) {
      const int64_t b = start[g], e = start[g + 1];
      if (b == e) continue;
      if (is_string(id)) {
        std::vector<std::string_view> s;
        s.reserve(static_cast<size_t>(e - b));
        for (int64_t i = b; i < e; ++i) s.push_back(v_.string_value(rows[static_cast<size_t>(i)]));
        std::sort(s.begin(), s.end());
        out[g] = std::unique(s.begin(), s.end()) - s.begin();
      } else if (id == TypeId::Bool) {
        bool seen[2] = {false, false};
        for (int64_t i = b; i < e; ++i) seen[v_.bool_value(rows[static_cast<size_t>(i)])] = true;
        out[g] = int64_t{seen[0]} + int64_t{seen[1]};
      } else {
        std::vector<uint64_t> k;
        k.reserve(static_cast<size_t>(e - b));
        dispatch_fixed_width(id, [&](auto t) {
          using T = decltype(t);
          const T* x = v_.values<T>();
          for (int64_t i = b; i < e; ++i) k.push_back(canonical_bits(x[rows[static_cast<size_t>(i)]]));
        });
        std::sort(k.begin(), k.end());
        out[g] = std::unique(k.begin(), k.end()) - k.begin();
      }
    }
    return array_from_values(DataType(TypeId::Int64), out);
  }

  Array quantile(const std::vector<int64_t>& start, const std::vector<int64_t>& rows, double q) const {
    std::vector<double> out(static_cast<size_t>(groups_), 0.0);
    std::vector<uint8_t> valid(static_cast<size_t>(groups_), 0);
    std::vector<double> vals;
    dispatch_fixed_width(v_.type_id(), [&](auto t) {
      using T = decltype(t);
      const T* x = v_.values<T>();
      for (size_t g = 0; g < static_cast<size_t>(groups_); ++g) {
        const int64_t b = start[g], e = start[g + 1];
        if (b == e) continue;
        vals.clear();
        for (int64_t i = b; i < e; ++i) vals.push_back(static_cast<double>(x[rows[static_cast<size_t>(i)]]));
        const double pos = q * static_cast<double>(vals.size() - 1);
        const auto lo = static_cast<size_t>(std::floor(pos));
        const size_t hi = std::min(lo + 1, vals.size() - 1);
        const double frac = pos - static_cast<double>(lo);
        std::nth_element(vals.begin(), vals.begin() + static_cast<std::ptrdiff_t>(lo), vals.end(), nan_last_less);
        const double a = vals[lo];
        double r = a;
        if (frac > 0 && hi != lo) {
          // The upper neighbour is the smallest value after position lo.
          const double bv = *std::min_element(vals.begin() + static_cast<std::ptrdiff_t>(lo) + 1, vals.end(), nan_last_less);
          // Equal neighbours (also ±inf) need no interpolation; between -inf and a finite value
          // the limit is -inf (the formula would give -inf + inf = NaN). A NaN neighbour gives NaN.
          if (a == -HUGE_VAL && std::isfinite(bv)) r = a;
          else if (bv != a) r = a + (bv - a) * frac;
        }
        out[g] = r;
        valid[g] = 1;
      }
    });
    return array_from_values(DataType(TypeId::Float64), out, &valid);
  }

  AggSpec spec_;
  Array v_;
  int64_t groups_ = 0;
  std::vector<uint32_t> gid_;
  std::vector<int64_t> row_;
};

}  // namespace

std::unique_ptr<AggKernel> make_holistic_kernel(const AggSpec& spec, const Array& values) {
  return std::make_unique<HolisticKernel>(spec, values);
}

}  // namespace deeprc::compute
