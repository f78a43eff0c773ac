#include "gen/workloads.h"

#include <cmath>

#include "arrow/builder.h"
#include "arrow/temporal.h"
#include "core/error.h"
#include "gen/splitmix.h"

namespace deeprc::gen {
namespace {

constexpr int kStations = 64;

Array int64_column(int64_t start, int64_t count, auto&& f) {
  auto buf = Buffer::allocate(count * 8);
  int64_t* v = buf->mutable_as<int64_t>();
  for (int64_t i = 0; i < count; ++i) v[i] = f(static_cast<uint64_t>(start + i));
  ArrayData d;
  d.type = DataType(TypeId::Int64);
  d.length = count;
  d.values = buf;
  return Array::make(std::move(d));
}

Array float64_column(int64_t start, int64_t count, auto&& f) {
  auto buf = Buffer::allocate(count * 8);
  double* v = buf->mutable_as<double>();
  for (int64_t i = 0; i < count; ++i) v[i] = f(static_cast<uint64_t>(start + i));
  ArrayData d;
  d.type = DataType(TypeId::Float64);
  d.length = count;
  d.values = buf;
  return Array::make(std::move(d));
}

Array hex8_column(uint64_t seed, uint64_t stream, int64_t start, int64_t count) {
  auto offsets = Buffer::allocate((count + 1) * 4);
  auto bytes = Buffer::allocate(count * 8);
  int32_t* o = offsets->mutable_as<int32_t>();
  char* b = reinterpret_cast<char*>(bytes->mutable_data());
  if (count * 8 > INT32_MAX) throw_invalid("W4 string column would exceed 2 GiB; generate fewer rows per call");
  for (int64_t i = 0; i <= count; ++i) o[i] = static_cast<int32_t>(i * 8);
  for (int64_t i = 0; i < count; ++i) hex8(mix(seed, stream, static_cast<uint64_t>(start + i)), b + i * 8);
  ArrayData d;
  d.type = DataType(TypeId::Utf8);
  d.length = count;
  d.values = offsets;
  d.data = bytes;
  return Array::make(std::move(d));
}

Table key_value(uint64_t seed, int64_t start, int64_t count, uint64_t key_stream, uint64_t val_stream, auto&& key) {
  std::vector<Array> cols{int64_column(start, count, [&](uint64_t i) { return key(mix(seed, key_stream, i)); }),
                          float64_column(start, count, [&](uint64_t i) { return unit_float(mix(seed, val_stream, i)); })};
  return Table(Schema({{"key", DataType(TypeId::Int64), true}, {"v", DataType(TypeId::Float64), true}}),
               std::move(cols), count);
}

Table stations(uint64_t seed, int64_t start, int64_t count) {
  PrimitiveBuilder<int32_t> id(DataType(TypeId::Int32));
  StringBuilder name;
  PrimitiveBuilder<double> lat(DataType(TypeId::Float64)), lon(DataType(TypeId::Float64)),
      elev(DataType(TypeId::Float64)), area(DataType(TypeId::Float64));
  PrimitiveBuilder<int32_t> opened(DataType(TypeId::Date32));
  static const char* rivers[] = {"Elbe", "Rhine", "Danube", "Oder", "Weser", "Main", "Mosel", "Inn",
                                 "Isar", "Neckar", "Saale", "Ems", "Lahn", "Fulda", "Ruhr", "Spree"};
  const int32_t base_day = static_cast<int32_t>(days_from_civil(1950, 1, 1));
  for (int64_t r = start; r < start + count; ++r) {
    const auto i = static_cast<uint64_t>(r);
    id.append(static_cast<int32_t>(r));
    name.append(std::string(rivers[mix(seed, 20, i) % 16]) + " @ km " + std::to_string(mix(seed, 21, i) % 900));
    lat.append(45.0 + 10.0 * unit_float(mix(seed, 22, i)));
    lon.append(5.0 + 15.0 * unit_float(mix(seed, 23, i)));
    if (mix(seed, 24, i) % 10 == 0) elev.append_null();
    else elev.append(std::round(2000.0 * unit_float(mix(seed, 24, i) >> 4) * 10.0) / 10.0);
    area.append(std::round(std::exp(3.0 + 7.0 * unit_float(mix(seed, 25, i)))));
    opened.append(base_day + static_cast<int32_t>(mix(seed, 26, i) % 20000));
  }
  Schema schema({{"station_id", DataType(TypeId::Int32), true},
                 {"name", DataType(TypeId::Utf8), true},
                 {"lat", DataType(TypeId::Float64), true},
                 {"lon", DataType(TypeId::Float64), true},
                 {"elevation_m", DataType(TypeId::Float64), true},
                 {"area_km2", DataType(TypeId::Float64), true},
                 {"opened", DataType(TypeId::Date32), true}});
  return Table(schema, {id.finish(), name.finish(), lat.finish(), lon.finish(), elev.finish(), area.finish(),
                        opened.finish()});
}

// Hourly series per station: a seasonal temperature cycle, bursty rain, and streamflow that
// responds to rain; station s owns rows s, s+64, s+128, ... so any row range is deterministic.
Table observations(uint64_t seed, int64_t start, int64_t count) {
  PrimitiveBuilder<int32_t> sid(DataType(TypeId::Int32));
  PrimitiveBuilder<int64_t> time(DataType::timestamp(TimeUnit::Second, "UTC"));
  PrimitiveBuilder<double> precip(DataType(TypeId::Float64)), temp(DataType(TypeId::Float64)),
      flow(DataType(TypeId::Float64));
  StringBuilder quality;
  const int64_t t0 = days_from_civil(2020, 1, 1) * 86400;
  for (int64_t r = start; r < start + count; ++r) {
    const auto i = static_cast<uint64_t>(r);
    const int64_t station = r % kStations, step = r / kStations;
    const double hours = static_cast<double>(step);
    sid.append(static_cast<int32_t>(station));
    time.append(t0 + step * 3600);
    const double u = unit_float(mix(seed, 30, i));
    const double rain = u > 0.9 ? std::round(-std::log(1.0 - (u - 0.9) * 9.99) * 30.0) / 10.0 : 0.0;
    precip.append(rain);
    const double season = std::sin(2.0 * M_PI * hours / (24.0 * 365.25));
    const double diurnal = std::sin(2.0 * M_PI * hours / 24.0);
    temp.append(std::round((8.0 + 10.0 * season + 4.0 * diurnal + 2.0 * (unit_float(mix(seed, 31, i)) - 0.5) -
                            0.2 * static_cast<double>(station % 10)) * 100.0) / 100.0);
    if (mix(seed, 32, i) % 50 == 0) {
      flow.append_null();
      quality.append("missing");
    } else {
      const double base = 5.0 + static_cast<double>(station);
      flow.append(std::round((base * (1.0 + 0.3 * season) + 4.0 * rain) * 1000.0) / 1000.0);
      quality.append(mix(seed, 33, i) % 20 == 0 ? "estimated" : "good");
    }
  }
  Schema schema({{"station_id", DataType(TypeId::Int32), true},
                 {"time", DataType::timestamp(TimeUnit::Second, "UTC"), true},
                 {"precipitation_mm", DataType(TypeId::Float64), true},
                 {"temperature_c", DataType(TypeId::Float64), true},
                 {"streamflow_m3s", DataType(TypeId::Float64), true},
                 {"quality", DataType(TypeId::Utf8), true}});
  return Table(schema, {sid.finish(), time.finish(), precip.finish(), temp.finish(), flow.finish(), quality.finish()});
}

}  // namespace

std::vector<std::string> workload_names() {
  return {"W1L", "W1R", "W2", "W3", "W4", "W5", "stations", "observations"};
}

Table workload(const std::string& name, int64_t n, int64_t start, int64_t count, uint64_t seed) {
  if (n < 0) throw_invalid("rows must be >= 0, got " + std::to_string(n));
  if (count < 0) count = n - start;
  if (start < 0 || count < 0 || start + count > n)
    throw_invalid("row range [" + std::to_string(start) + ", " + std::to_string(start + count) +
                  ") is outside the table of " + std::to_string(n) + " rows");
  const auto un = static_cast<uint64_t>(n);
  auto mod = [](uint64_t m) { return [m](uint64_t u) { return key_mod(u, m); }; };
  if (name == "W1L") return key_value(seed, start, count, 1, 2, mod(std::max<uint64_t>(un, 1)));
  if (name == "W1R") return key_value(seed, start, count, 3, 4, mod(std::max<uint64_t>(un, 1)));
  if (name == "W2") return key_value(seed, start, count, 5, 6, [](uint64_t u) { return int63(u); });
  if (name == "W3") return key_value(seed, start, count, 7, 8, mod(std::max<uint64_t>(un / 10, 1)));
  if (name == "W5") return key_value(seed, start, count, 13, 14, mod(std::max<uint64_t>(un / 2, 1)));
  if (name == "W4") {
    const uint64_t m = std::max<uint64_t>(un, 1);
    std::vector<Array> cols{
        int64_column(start, count, [&](uint64_t i) { return key_mod(mix(seed, 9, i), m); }),
        float64_column(start, count, [&](uint64_t i) { return unit_float(mix(seed, 10, i)); }),
        int64_column(start, count, [&](uint64_t i) { return int_pm1e9(mix(seed, 11, i)); }),
        hex8_column(seed, 12, start, count)};
    return Table(Schema({{"a", DataType(TypeId::Int64), true},
                         {"b", DataType(TypeId::Float64), true},
                         {"c", DataType(TypeId::Int64), true},
                         {"d", DataType(TypeId::Utf8), true}}),
                 std::move(cols), count);
  }
  if (name == "stations") return stations(seed, start, count);
  if (name == "observations") return observations(seed, start, count);
  std::string names;
  for (const auto& w : workload_names()) names += (names.empty() ? "" : ", ") + w;
  throw_invalid("unknown data set '" + name + "' (known: " + names + ")");
}

}  // namespace deeprc::gen
