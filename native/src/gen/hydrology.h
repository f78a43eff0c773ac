// Synthetic hydrology data with the shape of CAMELS-style catchment data sets (the paper's data
// sets cannot be obtained here): per basin, daily meteorological forcings, static catchment
// attributes and the runoff of a conceptual bucket model driven by them, plus noise.
//
// Per basin b (attributes drawn from (seed, b)): mean temperature and its seasonal amplitude,
// wet-day probability and mean rain depth, area, elevation, aridity, forest fraction, soil
// storage capacity, the soil and groundwater recession constants and the snow degree-day factor.
// Per day: a first-order Markov wet/dry chain with gamma-distributed depths (prcp, mm/day);
// temperature = seasonal cycle + AR(1) anomaly (tmax/tmin = mean -+ half the daily range, which
// is smaller on wet days); shortwave radiation from day length and cloudiness (srad, W/m2);
// vapour pressure from tmin (Tetens, vp, Pa). The model (HBV-like, mm/day): precipitation falls
// as snow below 0 C and melts at ddf * tmean above; of rain + melt the fraction
// (soil / capacity)^beta recharges the upper zone and the rest fills the soil store (its excess over
// capacity recharges too); Hargreaves potential evaporation scaled by soil wetness leaves the soil;
// the upper zone percolates (at most perc_max) into the lower zone and drains through a fast
// outlet above a threshold and a slower one; the lower zone drains linearly as base flow.
// runoff = (the three outflows) * lognormal noise (sigma = `noise`, mean 1). The water balance
// of the noise-free model is exact: sum(prcp) = sum(evap) + sum(flow) + change in storage.
//
// Columns, one row per (basin, day), basin-major: basin (int32), date (date32), prcp, srad,
// tmax, tmin, vp, runoff (float64), then the static attributes repeated on every row of a basin:
// area_km2, elev_m, aridity, frac_forest, soil_capacity_mm, baseflow_k (float64).
#pragma once
#include <cstdint>
#include <vector>

#include "arrow/table.h"

namespace deeprc::gen {

struct HydrologyOptions {
  int32_t basins = 10;
  int64_t days = 3653;          // ten years
  int32_t start_date = 3653;    // days since 1970-01-01 (1980-01-01)
  uint64_t seed = 42;
  double noise = 0.1;           // sigma of the lognormal runoff noise; 0 = the model's flow
};

// Throws Invalid naming the option for basins < 1, days < 1, noise < 0 or a table over 2^31 rows.
Table hydrology(const HydrologyOptions& options);

// One basin's simulation, with the model's internal terms (for hydrology() and the tests).
struct BasinSeries {
  double area_km2 = 0, elev_m = 0, aridity = 0, frac_forest = 0, soil_capacity_mm = 0, baseflow_k = 0;
  std::vector<double> prcp, srad, tmax, tmin, vp, runoff;
  std::vector<double> flow, evap;           // noise-free model flow and actual evaporation, mm/day
  double storage_start = 0, storage_end = 0;  // snow + soil + upper + lower zone stores, mm
};
BasinSeries simulate_basin(const HydrologyOptions& options, int32_t basin);

}  // namespace deeprc::gen
