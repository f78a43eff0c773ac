// The synthetic forecasting data sets: deterministic, physically plausible, the hydrology model's
// water balance closes exactly, and the series carry the structure a forecaster can learn
// (runoff follows rain; ETT's daily and weekly seasons).
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "arrow/temporal.h"
#include "core/error.h"
#include "gen/ett.h"
#include "gen/hydrology.h"

using namespace deeprc;

namespace {

std::vector<double> column(const Table& t, const std::string& name, int64_t begin = 0, int64_t end = -1) {
  const Array& a = t.column(name);
  if (end < 0) end = a.length();
  return {a.values<double>() + begin, a.values<double>() + end};
}

double mean(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); }

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const double ma = mean(a), mb = mean(b);
  double sab = 0, saa = 0, sbb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

double autocorrelation(const std::vector<double>& v, size_t lag) {
  return correlation(std::vector<double>(v.begin(), v.end() - static_cast<std::ptrdiff_t>(lag)),
                     std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(lag), v.end()));
}

}  // namespace

TEST(HydrologyGen, ShapeOrderAndDeterminism) {
  gen::HydrologyOptions o;
  o.basins = 3;
  o.days = 400;
  const Table t = gen::hydrology(o);
  ASSERT_EQ(t.num_rows(), 1200);
  ASSERT_EQ(t.num_columns(), 14);
  EXPECT_EQ(t.schema().field(0).name, "basin");
  EXPECT_EQ(t.schema().field(7).name, "runoff");
  const int32_t* basin = t.column("basin").values<int32_t>();
  const int32_t* date = t.column("date").values<int32_t>();
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    EXPECT_EQ(basin[i], i / 400);
    EXPECT_EQ(date[i], o.start_date + i % 400);
  }
  EXPECT_TRUE(gen::hydrology(o).equals(t));
  o.seed = 7;
  EXPECT_FALSE(gen::hydrology(o).equals(t));
}

TEST(HydrologyGen, PhysicallyPlausibleForcingsAndStaticsPerBasin) {
  gen::HydrologyOptions o;
  o.basins = 5;
  o.days = 3653;
  const Table t = gen::hydrology(o);
  const auto prcp = column(t, "prcp"), tmax = column(t, "tmax"), tmin = column(t, "tmin"), srad = column(t, "srad"),
             vp = column(t, "vp"), q = column(t, "runoff"), area = column(t, "area_km2");
  int64_t wet = 0;
  for (size_t i = 0; i < prcp.size(); ++i) {
    ASSERT_GE(prcp[i], 0);
    ASSERT_LT(tmin[i], tmax[i]);
    ASSERT_GT(srad[i], 0);
    ASSERT_GT(vp[i], 0);
    ASSERT_GE(q[i], 0);
    wet += prcp[i] > 0;
    ASSERT_EQ(area[i], area[i - i % 3653]) << "static attributes are constant within a basin";
  }
  const double wet_fraction = static_cast<double>(wet) / static_cast<double>(prcp.size());
  EXPECT_GT(wet_fraction, 0.15);
  EXPECT_LT(wet_fraction, 0.75);
  // Northern-hemisphere seasons: July is warmer than January in every basin.
  const int32_t* date = t.column("date").values<int32_t>();
  for (int b = 0; b < o.basins; ++b) {
    double jul = 0, jan = 0;
    int nj = 0, nu = 0;
    for (int64_t i = b * o.days; i < (b + 1) * o.days; ++i) {
      int64_t y;
      unsigned m, d;
      civil_from_days(date[i], &y, &m, &d);
      if (m == 7) jul += tmax[static_cast<size_t>(i)], ++nu;
      if (m == 1) jan += tmax[static_cast<size_t>(i)], ++nj;
    }
    EXPECT_GT(jul / nu, jan / nj + 5) << "basin " << b;
  }
}

TEST(HydrologyGen, WaterBalanceClosesAndRunoffFollowsRain) {
  gen::HydrologyOptions o;
  o.days = 3653;
  for (int32_t b = 0; b < 6; ++b) {
    const gen::BasinSeries s = gen::simulate_basin(o, b);
    const double p = std::accumulate(s.prcp.begin(), s.prcp.end(), 0.0);
    const double e = std::accumulate(s.evap.begin(), s.evap.end(), 0.0);
    const double f = std::accumulate(s.flow.begin(), s.flow.end(), 0.0);
    EXPECT_NEAR(p, e + f + (s.storage_end - s.storage_start), 1e-9 * p) << "basin " << b;
    EXPECT_GT(f / p, 0.02) << "basin " << b;  // runoff ratio of a real catchment
    EXPECT_LT(f / p, 0.95) << "basin " << b;
    // Flow rises with the day's rain (on warm days, where it is rain and not snow).
    std::vector<double> rain, rise;
    for (size_t i = 1; i < s.flow.size(); ++i) {
      if (s.tmin[i] + s.tmax[i] < 4) continue;
      rain.push_back(s.prcp[i]);
      rise.push_back(s.flow[i] - s.flow[i - 1]);
    }
    EXPECT_GT(correlation(rain, rise), 0.3) << "basin " << b;
    // The noise is mean-preserving and multiplicative.
    EXPECT_NEAR(mean(s.runoff) / mean(s.flow), 1.0, 0.05) << "basin " << b;
  }
  o.noise = 0;
  const gen::BasinSeries clean = gen::simulate_basin(o, 0);
  EXPECT_EQ(clean.runoff, clean.flow);
}

TEST(HydrologyGen, BadOptionsNameTheOption) {
  gen::HydrologyOptions o;
  o.basins = 0;
  try {
    gen::hydrology(o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Invalid);
    EXPECT_NE(std::string(e.what()).find("basins"), std::string::npos);
  }
  o.basins = 1;
  o.days = 0;
  EXPECT_THROW(gen::hydrology(o), Error);
  o.days = 10;
  o.noise = -1;
  EXPECT_THROW(gen::hydrology(o), Error);
}

TEST(EttGen, HourlyShapeSeasonsAndDeterminism) {
  gen::EttOptions o;
  o.hours = 24 * 7 * 20;
  const Table t = gen::ett(o);
  ASSERT_EQ(t.num_rows(), o.hours);
  ASSERT_EQ(t.num_columns(), 8);
  const int64_t* date = t.column("date").values<int64_t>();
  for (int64_t i = 0; i < t.num_rows(); ++i) ASSERT_EQ(date[i], o.start_seconds + 3600 * i);
  EXPECT_TRUE(gen::ett(o).equals(t));
  const auto ot = column(t, "OT"), hufl = column(t, "HUFL");
  EXPECT_GT(autocorrelation(ot, 1), 0.8);
  EXPECT_GT(autocorrelation(hufl, 24), autocorrelation(hufl, 12) + 0.3) << "daily season";
  EXPECT_GT(autocorrelation(hufl, 168), autocorrelation(hufl, 84)) << "weekly season";
  // Weekdays carry more load than weekends.
  double wd = 0, we = 0;
  int nwd = 0, nwe = 0;
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    const int64_t weekday = (date[i] / 86400 + 3) % 7;
    if (weekday >= 5) we += hufl[static_cast<size_t>(i)], ++nwe;
    else wd += hufl[static_cast<size_t>(i)], ++nwd;
  }
  EXPECT_GT(wd / nwd, we / nwe);
  // OT rises with the load it lags behind.
  EXPECT_GT(correlation(std::vector<double>(hufl.begin(), hufl.end() - 6), std::vector<double>(ot.begin() + 6, ot.end())), 0.2);
  o.hours = 0;
  EXPECT_THROW(gen::ett(o), Error);
}
