// Shared by the IPC tests: a deterministic table with every supported type, nulls, edge values
// (NaN, infinities, -0, integer limits, empty and non-ASCII strings).
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "arrow/builder.h"
#include "arrow/table.h"
#include "gen/splitmix.h"

namespace deeprc::ipctest {

inline uint64_t ipc_rand(uint64_t seed, uint64_t i) {
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + i * 0xBF58476D1CE4E5B9ull + 1;
  x ^= x >> 31;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 29;
  return x;
}

inline Table all_types_table(int64_t rows, uint64_t seed, bool with_nulls = true) {
  struct Col {
    std::string name;
    DataType type;
    bool nullable;
  };
  const std::vector<Col> spec = {
      {"b", TypeId::Bool, true},
      {"i8", TypeId::Int8, true},
      {"i16", TypeId::Int16, true},
      {"i32", TypeId::Int32, true},
      {"i64", TypeId::Int64, true},
      {"u8", TypeId::UInt8, true},
      {"u16", TypeId::UInt16, true},
      {"u32", TypeId::UInt32, true},
      {"u64", TypeId::UInt64, true},
      {"f32", TypeId::Float32, true},
      {"f64", TypeId::Float64, true},
      {"s", TypeId::Utf8, true},
      {"ls", TypeId::LargeUtf8, true},
      {"d", TypeId::Date32, true},
      {"ts_s", DataType::timestamp(TimeUnit::Second), true},
      {"ts_ms_utc", DataType::timestamp(TimeUnit::Milli, "UTC"), true},
      {"ts_us_tz", DataType::timestamp(TimeUnit::Micro, "Europe/Berlin"), true},
      {"ts_ns", DataType::timestamp(TimeUnit::Nano), true},
      {"id", TypeId::Int64, false},  // non-nullable, never null
  };
  static const char* words[] = {"", "a", "hydrology", "Müller", "日本語", "quote\"back\\slash", "tab\tnew\nline",
                                "🌊 flow", "x"};
  std::vector<Field> fields;
  std::vector<Array> cols;
  for (size_t c = 0; c < spec.size(); ++c) {
    const auto& s = spec[c];
    fields.push_back({s.name, s.type, s.nullable});
    auto b = make_builder(s.type);
    for (int64_t i = 0; i < rows; ++i) {
      const uint64_t r = ipc_rand(seed * 131 + c, static_cast<uint64_t>(i));
      if (s.nullable && with_nulls && r % 7 == 0) {
        b->append_null();
        continue;
      }
      const uint64_t v = r >> 8;
      const bool edge = (r >> 3) % 11 == 0;
      switch (s.type.id) {
        case TypeId::Bool: static_cast<BoolBuilder&>(*b).append(v & 1); break;
        case TypeId::Int8: static_cast<PrimitiveBuilder<int8_t>&>(*b).append(edge ? INT8_MIN : static_cast<int8_t>(v)); break;
        case TypeId::Int16: static_cast<PrimitiveBuilder<int16_t>&>(*b).append(edge ? INT16_MIN : static_cast<int16_t>(v)); break;
        case TypeId::Int32: static_cast<PrimitiveBuilder<int32_t>&>(*b).append(edge ? INT32_MIN : static_cast<int32_t>(v)); break;
        case TypeId::Int64:
          static_cast<PrimitiveBuilder<int64_t>&>(*b).append(
              s.nullable ? (edge ? INT64_MIN : static_cast<int64_t>(r)) : i);
          break;
        case TypeId::UInt8: static_cast<PrimitiveBuilder<uint8_t>&>(*b).append(edge ? UINT8_MAX : static_cast<uint8_t>(v)); break;
        case TypeId::UInt16: static_cast<PrimitiveBuilder<uint16_t>&>(*b).append(edge ? UINT16_MAX : static_cast<uint16_t>(v)); break;
        case TypeId::UInt32: static_cast<PrimitiveBuilder<uint32_t>&>(*b).append(edge ? UINT32_MAX : static_cast<uint32_t>(v)); break;
        case TypeId::UInt64: static_cast<PrimitiveBuilder<uint64_t>&>(*b).append(edge ? UINT64_MAX : r); break;
        case TypeId::Float32: {
          float f = static_cast<float>(static_cast<double>(v % 2000000) / 1000.0 - 1000.0);
          if (edge) f = (v % 4 == 0) ? -0.0f : (v % 4 == 1) ? std::numeric_limits<float>::infinity() : 1e-40f;
          static_cast<PrimitiveBuilder<float>&>(*b).append(f);
          break;
        }
        case TypeId::Float64: {
          double d = static_cast<double>(v) * 1e-7 * ((r & 1) ? -1 : 1);
          if (edge) {
            const double specials[] = {std::nan(""), -std::numeric_limits<double>::infinity(), -0.0, 1e300, 5e-324, 0.1};
            d = specials[v % 6];
          }
          static_cast<PrimitiveBuilder<double>&>(*b).append(d);
          break;
        }
        case TypeId::Utf8:
        case TypeId::LargeUtf8:
          static_cast<StringBuilder&>(*b).append(std::string(words[v % 9]) + (v % 3 ? std::to_string(v % 1000) : ""));
          break;
        case TypeId::Date32: static_cast<PrimitiveBuilder<int32_t>&>(*b).append(static_cast<int32_t>(v % 40000) - 10000); break;
        case TypeId::Timestamp:
          static_cast<PrimitiveBuilder<int64_t>&>(*b).append(static_cast<int64_t>(v % 4000000000000000000ull) - 1000000000000000000);
          break;
      }
    }
    cols.push_back(b->finish());
  }
  return Table(Schema(std::move(fields)), std::move(cols), rows);
}

}  // namespace deeprc::ipctest
