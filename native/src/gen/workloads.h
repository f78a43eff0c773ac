// Deterministic synthetic tables: the benchmark workloads and the demo data set.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "arrow/table.h"

namespace deeprc::gen {

inline constexpr uint64_t kDefaultSeed = 42;

// Rows [start, start+count) of the n-row table `name`:
//  W1L, W1R, W2, W3, W4, W5 — exactly the anchors' workloads;
//  stations      — n hydrology gauging stations (id, name, lat, lon, elevation_m, area_km2, opened);
//  observations  — n hourly observations spread over 64 stations (station_id, time, precipitation_mm,
//                  temperature_c, streamflow_m3s with ~2% nulls, quality flag).
// Throws Invalid on an unknown name or a range outside [0, n).
Table workload(const std::string& name, int64_t n, int64_t start, int64_t count, uint64_t seed = kDefaultSeed);
std::vector<std::string> workload_names();

}  // namespace deeprc::gen
