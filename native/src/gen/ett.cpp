#include "gen/ett.h"

#include <cmath>
#include <deque>
#include <string>
#include <vector>

#include "arrow/builder.h"
#include "core/error.h"
#include "gen/random_stream.h"

namespace deeprc::gen {
namespace {

constexpr uint64_t kEttWeights = 33, kEttNoise = 34;
constexpr int kLoads = 6;

// Daily load shape in [0.3, ~1.4]: a broad afternoon peak and a short evening one over a night trough.
double daily_shape(double hour) {
  const auto bump = [](double h, double at, double width) { return std::exp(-0.5 * std::pow((h - at) / width, 2)); };
  return 0.3 + 1.0 * bump(hour, 14, 3.5) + 0.3 * bump(hour, 20, 1.5);
}

}  // namespace

Table ett(const EttOptions& o) {
  if (o.hours < 1) throw_invalid("ett: hours must be >= 1 (got " + std::to_string(o.hours) + ")");
  if (o.hours > INT32_MAX) throw_invalid("ett: hours must be < 2^31");
  if (!(o.noise >= 0)) throw_invalid("ett: noise must be >= 0");
  RandomStream wr(o.seed, kEttWeights, 0);
  struct Weights {
    double level, daily, weekly, yearly, trend, ar_sd;
  };
  std::vector<Weights> wt(kLoads);
  for (int k = 0; k < kLoads; ++k) {
    const bool useful = k % 2 == 0;
    const double scale = k < 2 ? 1.0 : (k < 4 ? 0.8 : 0.4);
    wt[static_cast<size_t>(k)] = {scale * (useful ? wr.uniform(6, 10) : wr.uniform(1.5, 3)),
                                  scale * (useful ? wr.uniform(2, 4) : wr.uniform(0.3, 0.8)),
                                  scale * wr.uniform(0.5, 1.5), scale * wr.uniform(0.5, 2),
                                  scale * wr.uniform(-1, 1), scale * (useful ? 0.3 : 0.12)};
  }
  RandomStream nr(o.seed, kEttNoise, 0);
  std::vector<double> ar(kLoads, 0.0);
  double heat = 0, ot_ar = 0;
  PrimitiveBuilder<int64_t> date(DataType::timestamp(TimeUnit::Second));
  std::deque<PrimitiveBuilder<double>> cols;  // builders do not move: a deque keeps them in place
  for (int k = 0; k <= kLoads; ++k) cols.emplace_back(DataType(TypeId::Float64));
  for (int64_t t = 0; t < o.hours; ++t) {
    const int64_t secs = o.start_seconds + t * 3600;
    const double hour = static_cast<double>((secs / 3600) % 24);
    const int64_t weekday = ((secs / 86400) + 3) % 7;  // 1970-01-01 was a Thursday: 0 = Monday
    const double day_of_year = static_cast<double>((secs / 86400) % 365) + hour / 24;
    const double yearly = std::cos(2 * M_PI * (day_of_year - 200) / 365.25);  // peak in July
    const double weekly = weekday >= 5 ? -1.0 : 0.25;
    const double progress = static_cast<double>(t) / static_cast<double>(o.hours);
    double useful_total = 0;
    for (int k = 0; k < kLoads; ++k) {
      const Weights& w = wt[static_cast<size_t>(k)];
      ar[static_cast<size_t>(k)] = 0.9 * ar[static_cast<size_t>(k)] + o.noise * w.ar_sd * nr.normal();
      const double v = w.level + w.daily * daily_shape(hour) + w.weekly * weekly + w.yearly * yearly +
                       w.trend * progress + ar[static_cast<size_t>(k)];
      cols[static_cast<size_t>(k)].append(v);
      if (k % 2 == 0) useful_total += v;
    }
    // Oil temperature: ambient + first-order lag (time constant ~6 h) of the load's heating.
    const double ambient = 15 + 10 * yearly + 3 * std::sin(2 * M_PI * (hour - 9) / 24);
    heat += (0.35 * useful_total - heat) / 6.0;
    ot_ar = 0.95 * ot_ar + o.noise * 0.4 * nr.normal();
    cols[kLoads].append(ambient + heat - 5 + ot_ar);
    date.append(secs);
  }
  const char* names[] = {"HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"};
  std::vector<Field> fields = {{"date", DataType::timestamp(TimeUnit::Second), false}};
  std::vector<Array> arrays = {date.finish()};
  for (int k = 0; k <= kLoads; ++k) {
    fields.push_back({names[k], DataType(TypeId::Float64), false});
    arrays.push_back(cols[static_cast<size_t>(k)].finish());
  }
  return Table(Schema(std::move(fields)), std::move(arrays), o.hours);
}

}  // namespace deeprc::gen
