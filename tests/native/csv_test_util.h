// Helpers shared by the CSV tests: temporary files and random tables of every type.
#pragma once
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "arrow/builder.h"
#include "arrow/table.h"

namespace deeprc::csvtest {

// A directory removed (with its files) when the test ends.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("deeprc_csv_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Writes `bytes` verbatim to a file in the directory and returns its path.
  std::string write(const std::string& name, const std::string& bytes) const {
    const std::string p = file(name);
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }

 private:
  std::filesystem::path path_;
};

inline const std::vector<std::string>& awkward_strings() {
  static const std::vector<std::string> s = {
      "", "plain", "with,comma", "with \"quotes\"", "\"", "\"\"", "line\nbreak", "crlf\r\nbreak", "cr\ronly",
      "NA", "null", "NULL", "N/A", "NaN", " padded ", "tab\tin", "\xC3\xA9t\xC3\xA9", "\xE6\xBC\xA2\xE5\xAD\x97",
      "\xF0\x9F\x99\x82 smile", ",", ",,", "a\"b,c\nd", "trailing\n", "\n"};
  return s;
}

// Random table with one column of every supported type, ~10% nulls.
inline Table random_table(uint64_t seed, int64_t rows) {
  std::mt19937_64 rng(seed);
  auto coin = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  std::vector<Field> fields;
  std::vector<Array> cols;
  auto add = [&](const std::string& name, const DataType& type, auto&& gen) {
    auto b = make_builder(type);
    for (int64_t i = 0; i < rows; ++i) {
      if (coin(10)) b->append_null();
      else gen(*b);
    }
    fields.push_back(Field{name, type, true});
    cols.push_back(b->finish());
  };
  auto ints = [&](const std::string& name, TypeId id, auto tag) {
    using T = decltype(tag);
    add(name, DataType(id), [&](ArrayBuilder& b) {
      T v;
      const uint64_t r = rng();
      if (r % 10 == 0) v = std::numeric_limits<T>::min();
      else if (r % 10 == 1) v = std::numeric_limits<T>::max();
      else v = static_cast<T>(rng());
      static_cast<PrimitiveBuilder<T>&>(b).append(v);
    });
  };
  ints("i8", TypeId::Int8, int8_t{});
  ints("i16", TypeId::Int16, int16_t{});
  ints("i32", TypeId::Int32, int32_t{});
  ints("i64", TypeId::Int64, int64_t{});
  ints("u8", TypeId::UInt8, uint8_t{});
  ints("u16", TypeId::UInt16, uint16_t{});
  ints("u32", TypeId::UInt32, uint32_t{});
  ints("u64", TypeId::UInt64, uint64_t{});
  auto floats = [&](const std::string& name, TypeId id, auto tag) {
    using T = decltype(tag);
    add(name, DataType(id), [&](ArrayBuilder& b) {
      const T specials[] = {std::numeric_limits<T>::quiet_NaN(), std::numeric_limits<T>::infinity(),
                            -std::numeric_limits<T>::infinity(), T(-0.0), std::numeric_limits<T>::max(),
                            std::numeric_limits<T>::lowest(), std::numeric_limits<T>::denorm_min(),
                            std::numeric_limits<T>::min(), T(0.1), T(1e21)};
      T v;
      if (coin(20)) v = specials[rng() % 10];
      else v = static_cast<T>(std::ldexp(static_cast<double>(rng() % 1000000007) - 5e8, static_cast<int>(rng() % 80) - 60));
      static_cast<PrimitiveBuilder<T>&>(b).append(v);
    });
  };
  floats("f32", TypeId::Float32, float{});
  floats("f64", TypeId::Float64, double{});
  add("flag", DataType(TypeId::Bool), [&](ArrayBuilder& b) { static_cast<BoolBuilder&>(b).append(rng() & 1); });
  auto strings = [&](const std::string& name, TypeId id) {
    add(name, DataType(id), [&](ArrayBuilder& b) {
      const auto& aw = awkward_strings();
      std::string s = aw[rng() % aw.size()];
      if (coin(30)) {
        s += 'x';
        s += std::to_string(rng() % 1000);
      }
      static_cast<StringBuilder&>(b).append(s);
    });
  };
  strings("text", TypeId::Utf8);
  strings("large text", TypeId::LargeUtf8);
  add("day", DataType(TypeId::Date32), [&](ArrayBuilder& b) {
    // Years 0000..9999: the range the CSV date format can represent.
    static_cast<PrimitiveBuilder<int32_t>&>(b).append(static_cast<int32_t>(rng() % 3652059) - 719528);
  });
  const TimeUnit units[] = {TimeUnit::Second, TimeUnit::Milli, TimeUnit::Micro, TimeUnit::Nano};
  for (const TimeUnit u : units) {
    for (const bool tz : {false, true}) {
      const int64_t per = u == TimeUnit::Second ? 1 : u == TimeUnit::Milli ? 1000 : u == TimeUnit::Micro ? 1000000 : 1000000000;
      // Seconds within years 1700..2200 (fits nanoseconds), plus a random fraction.
      const int64_t span = int64_t{500} * 365 * 86400;
      add(std::string("ts_") + time_unit_name(u) + (tz ? "_utc" : ""), DataType::timestamp(u, tz ? "UTC" : ""),
          [&](ArrayBuilder& b) {
            const int64_t secs = static_cast<int64_t>(rng() % static_cast<uint64_t>(span)) - span / 2 + 0;
            const int64_t frac = per > 1 && coin(70) ? static_cast<int64_t>(rng() % static_cast<uint64_t>(per)) : 0;
            static_cast<PrimitiveBuilder<int64_t>&>(b).append(secs * per + frac);
          });
    }
  }
  return Table(Schema(std::move(fields)), std::move(cols), rows);
}

}  // namespace deeprc::csvtest
