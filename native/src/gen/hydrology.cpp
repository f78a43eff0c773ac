#include "gen/hydrology.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <string>

#include "arrow/builder.h"
#include "arrow/temporal.h"
#include "core/error.h"
#include "gen/random_stream.h"

namespace deeprc::gen {
namespace {

constexpr uint64_t kAttributes = 31, kWeather = 32;
constexpr int kSpinUpDays = 365;

// Extraterrestrial radiation (W/m2, daily mean) at latitude `lat` (radians) on day of year `doy`
// (FAO-56 eq. 21-25).
double extraterrestrial(double lat, int doy) {
  const double dr = 1 + 0.033 * std::cos(2 * M_PI * doy / 365.0);
  const double decl = 0.409 * std::sin(2 * M_PI * doy / 365.0 - 1.39);
  const double ws = std::acos(std::clamp(-std::tan(lat) * std::tan(decl), -1.0, 1.0));
  const double ra_mj = 24 * 60 / M_PI * 0.0820 * dr *
                       (ws * std::sin(lat) * std::sin(decl) + std::cos(lat) * std::cos(decl) * std::sin(ws));
  return ra_mj * 1e6 / 86400.0;
}

int day_of_year(int64_t days_since_epoch) {
  int64_t y;
  unsigned m, d;
  civil_from_days(days_since_epoch, &y, &m, &d);
  return static_cast<int>(days_since_epoch - days_from_civil(y, 1, 1)) + 1;
}

}  // namespace

BasinSeries simulate_basin(const HydrologyOptions& o, int32_t basin) {
  RandomStream attr(o.seed, kAttributes, static_cast<uint64_t>(basin));
  BasinSeries s;
  s.area_km2 = std::exp(attr.uniform(std::log(20.0), std::log(2000.0)));
  s.elev_m = attr.uniform(50, 3000);
  s.frac_forest = attr.uniform(0, 1);
  s.soil_capacity_mm = attr.uniform(80, 400);
  s.baseflow_k = attr.uniform(0.01, 0.08);
  const double lat = attr.uniform(30, 50) * M_PI / 180;
  const double t_mean = 14 - 0.0065 * s.elev_m + 2 * attr.normal();
  const double t_amp = attr.uniform(6, 14);
  const double p_wet_after_dry = attr.uniform(0.2, 0.5);
  const double p_wet_after_wet = std::min(0.9, p_wet_after_dry + attr.uniform(0.15, 0.3));
  const double mean_depth = attr.uniform(4, 12);
  const double shape = 0.75;
  const double ddf = attr.uniform(2, 5);
  const double beta = attr.uniform(1.5, 4.0);           // shape of the soil's recharge curve
  const double perc_max = attr.uniform(0.5, 3.0) * (0.5 + s.frac_forest);  // mm/day to groundwater
  const double k0 = attr.uniform(0.1, 0.4), k1 = attr.uniform(0.05, 0.2);  // upper-zone recessions
  const double upper_threshold = attr.uniform(5, 40);   // mm above which the fast outlet runs

  RandomStream w(o.seed, kWeather, static_cast<uint64_t>(basin));
  double anomaly = 0, snow = 0, soil = s.soil_capacity_mm / 2, upper = 0, lower = 0, pet_sum = 0, prcp_sum = 0;
  bool wet = false;
  const auto n = static_cast<size_t>(o.days);
  for (auto* v : {&s.prcp, &s.srad, &s.tmax, &s.tmin, &s.vp, &s.runoff, &s.flow, &s.evap}) v->reserve(n);
  for (int64_t t = -kSpinUpDays; t < o.days; ++t) {
    if (t == 0) s.storage_start = snow + soil + upper + lower;
    const int doy = day_of_year(o.start_date + t);
    const double season = std::sin(2 * M_PI * (doy - 105) / 365.25);
    anomaly = 0.7 * anomaly + 2.0 * w.normal();
    wet = w.uniform() < (wet ? p_wet_after_wet : p_wet_after_dry);
    const double prcp = wet ? mean_depth * w.gamma(shape) / shape : 0.0;
    const double tmean = t_mean + t_amp * season + anomaly - (wet ? 1.0 : 0.0);
    const double range = wet ? w.uniform(4, 8) : w.uniform(8, 15);
    const double ra = extraterrestrial(lat, doy);
    const double srad = ra * (wet ? 0.35 : 0.7) * w.uniform(0.9, 1.0);
    const double tmin = tmean - range / 2, tmax = tmean + range / 2;
    const double vp = 610.8 * std::exp(17.27 * tmin / (tmin + 237.3));
    // Hargreaves: 0.0023 (T + 17.8) sqrt(range) Ra, with Ra in mm/day of evaporated water.
    const double pet = std::max(0.0, 0.0023 * (tmean + 17.8) * std::sqrt(range) * ra * 0.0864 / 2.45);
    // HBV-like stores (mm): snow, soil moisture, upper (quick) and lower (groundwater) zones.
    double rain = prcp;
    if (tmean < 0) {
      snow += prcp;
      rain = 0;
    }
    const double melt = tmean > 0 ? std::min(snow, ddf * tmean) : 0.0;
    snow -= melt;
    const double water_in = rain + melt;
    double recharge = water_in * std::pow(std::min(1.0, soil / s.soil_capacity_mm), beta);
    soil += water_in - recharge;
    const double excess = std::max(0.0, soil - s.soil_capacity_mm);
    soil -= excess;
    recharge += excess;
    const double evap = std::min(soil, pet * std::min(1.0, soil / (0.7 * s.soil_capacity_mm)));
    soil -= evap;
    upper += recharge;
    const double perc = std::min(perc_max, upper);
    upper -= perc;
    lower += perc;
    const double q0 = k0 * std::max(0.0, upper - upper_threshold);
    const double q1 = k1 * upper;
    upper -= q0 + q1;
    const double q2 = s.baseflow_k * lower;
    lower -= q2;
    const double flow = q0 + q1 + q2;
    const double noise = o.noise > 0 ? std::exp(o.noise * w.normal() - o.noise * o.noise / 2) : 1.0;
    if (t < 0) continue;
    pet_sum += pet;
    prcp_sum += prcp;
    s.prcp.push_back(prcp);
    s.srad.push_back(srad);
    s.tmax.push_back(tmax);
    s.tmin.push_back(tmin);
    s.vp.push_back(vp);
    s.flow.push_back(flow);
    s.evap.push_back(evap);
    s.runoff.push_back(flow * noise);
  }
  s.storage_end = snow + soil + upper + lower;
  s.aridity = prcp_sum > 0 ? pet_sum / prcp_sum : 0.0;
  return s;
}

Table hydrology(const HydrologyOptions& o) {
  if (o.basins < 1) throw_invalid("hydrology: basins must be >= 1 (got " + std::to_string(o.basins) + ")");
  if (o.days < 1) throw_invalid("hydrology: days must be >= 1 (got " + std::to_string(o.days) + ")");
  if (!(o.noise >= 0)) throw_invalid("hydrology: noise must be >= 0");
  const int64_t rows = static_cast<int64_t>(o.basins) * o.days;
  if (rows > INT32_MAX) throw_invalid("hydrology: basins * days = " + std::to_string(rows) + " rows exceeds 2^31 - 1");
  PrimitiveBuilder<int32_t> basin(DataType(TypeId::Int32)), date(DataType(TypeId::Date32));
  const char* series_names[] = {"prcp", "srad", "tmax", "tmin", "vp", "runoff"};
  const char* static_names[] = {"area_km2", "elev_m", "aridity", "frac_forest", "soil_capacity_mm", "baseflow_k"};
  std::deque<PrimitiveBuilder<double>> cols;  // builders do not move: a deque keeps them in place
  for (int i = 0; i < 12; ++i) cols.emplace_back(DataType(TypeId::Float64));
  for (int32_t b = 0; b < o.basins; ++b) {
    const BasinSeries s = simulate_basin(o, b);
    const std::vector<double>* series[] = {&s.prcp, &s.srad, &s.tmax, &s.tmin, &s.vp, &s.runoff};
    const double statics[] = {s.area_km2, s.elev_m, s.aridity, s.frac_forest, s.soil_capacity_mm, s.baseflow_k};
    for (int64_t t = 0; t < o.days; ++t) {
      basin.append(b);
      date.append(static_cast<int32_t>(o.start_date + t));
      for (int i = 0; i < 6; ++i) cols[static_cast<size_t>(i)].append((*series[i])[static_cast<size_t>(t)]);
      for (int i = 0; i < 6; ++i) cols[static_cast<size_t>(6 + i)].append(statics[i]);
    }
  }
  std::vector<Field> fields = {{"basin", DataType(TypeId::Int32), false}, {"date", DataType(TypeId::Date32), false}};
  std::vector<Array> arrays = {basin.finish(), date.finish()};
  for (int i = 0; i < 12; ++i) {
    fields.push_back({i < 6 ? series_names[i] : static_names[i - 6], DataType(TypeId::Float64), false});
    arrays.push_back(cols[static_cast<size_t>(i)].finish());
  }
  return Table(Schema(std::move(fields)), std::move(arrays), rows);
}

}  // namespace deeprc::gen
