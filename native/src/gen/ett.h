// Synthetic electricity-transformer data with the shape of ETT (ETTh1: hourly, six load series
// and the oil temperature target), which cannot be obtained here.
//
// Loads (HUFL/HULL, MUFL/MULL, LUFL/LULL: high/middle/low useful and useless load) are a level
// plus a daily cycle (afternoon and evening peaks), a weekly cycle (weekends lower), a yearly
// cycle, a slow trend and AR(1) noise, each series with its own weights. OT (oil temperature)
// follows the ambient temperature (yearly + daily cycles) plus the transformer's heating, an
// exponentially smoothed (first-order lag, ~6 h) function of the total useful load, plus noise —
// so OT is forecastable from its own past and the loads, with daily (24) and weekly (168) seasons.
//
// Columns: date (timestamp[s], hourly from start), HUFL, HULL, MUFL, MULL, LUFL, LULL, OT (float64).
#pragma once
#include <cstdint>

#include "arrow/table.h"

namespace deeprc::gen {

struct EttOptions {
  int64_t hours = 17420;                 // the length of ETTh1
  int64_t start_seconds = 1467331200;    // 2016-07-01T00:00:00Z
  uint64_t seed = 42;
  double noise = 1.0;                    // scale of the AR(1) noise (0 = noise-free cycles)
};

// Throws Invalid naming the option for hours < 1, noise < 0 or more than 2^31 - 1 rows.
Table ett(const EttOptions& options);

}  // namespace deeprc::gen
