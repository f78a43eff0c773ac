#include "compute/cast.h"

#include <charconv>
#include <utility>
#include <cmath>
#include <limits>

#include "arrow/builder.h"
#include "arrow/temporal.h"
#include "core/error.h"

namespace deeprc::compute {
namespace {

[[noreturn]] void out_of_range(const std::string& what, int64_t row, const std::string& value, const DataType& to) {
  throw_invalid("cannot cast " + what + " at row " + std::to_string(row) + " (" + value + ") to " + to.to_string() +
                ": out of range or not exact");
}

// Reads element i of a numeric (or bool/date/timestamp) array as long double / integer.
template <typename Fn>
void visit_numeric(const Array& a, int64_t i, Fn&& fn) {
  switch (a.type_id()) {
    case TypeId::Bool: return fn(static_cast<int64_t>(a.bool_value(i)));
    case TypeId::Int8: return fn(static_cast<int64_t>(a.values<int8_t>()[i]));
    case TypeId::Int16: return fn(static_cast<int64_t>(a.values<int16_t>()[i]));
    case TypeId::Int32: case TypeId::Date32: return fn(static_cast<int64_t>(a.values<int32_t>()[i]));
    case TypeId::Int64: case TypeId::Timestamp: return fn(a.values<int64_t>()[i]);
    case TypeId::UInt8: return fn(static_cast<uint64_t>(a.values<uint8_t>()[i]));
    case TypeId::UInt16: return fn(static_cast<uint64_t>(a.values<uint16_t>()[i]));
    case TypeId::UInt32: return fn(static_cast<uint64_t>(a.values<uint32_t>()[i]));
    case TypeId::UInt64: return fn(a.values<uint64_t>()[i]);
    case TypeId::Float32: return fn(static_cast<double>(a.values<float>()[i]));
    case TypeId::Float64: return fn(a.values<double>()[i]);
    default: throw_internal("visit_numeric: not numeric");
  }
}

template <typename To, typename From>
bool convert(From v, To* out) {
  if constexpr (std::is_floating_point_v<To>) {
    *out = static_cast<To>(v);
    return true;
  } else if constexpr (std::is_floating_point_v<From>) {
    if (!std::isfinite(v) || std::trunc(v) != v) return false;
    // Range check in long double so 2^63 etc. are exact.
    const long double x = v;
    if (x < static_cast<long double>(std::numeric_limits<To>::min()) ||
        x > static_cast<long double>(std::numeric_limits<To>::max()))
      return false;
    *out = static_cast<To>(v);
    return true;
  } else {
    if (!std::in_range<To>(v)) return false;
    *out = static_cast<To>(v);
    return true;
  }
}

template <typename To>
Array cast_numeric(const Array& a, const DataType& to, const std::string& what, int64_t scale_num = 1,
                   int64_t scale_den = 1) {
  PrimitiveBuilder<To> b(to);
  b.reserve(a.length());
  for (int64_t i = 0; i < a.length(); ++i) {
    if (a.is_null(i)) {
      b.append_null();
      continue;
    }
    To out{};
    bool ok = true;
    visit_numeric(a, i, [&](auto v) {
      if constexpr (std::is_integral_v<decltype(v)>) {
        if (scale_num != 1 || scale_den != 1) {
          const int64_t x = static_cast<int64_t>(v);
          int64_t y;
          if (__builtin_mul_overflow(x, scale_num, &y) || y % scale_den != 0) {
            ok = false;
            return;
          }
          ok = convert<To>(y / scale_den, &out);
          return;
        }
      }
      ok = convert<To>(v, &out);
    });
    if (!ok) out_of_range(what, i, a.format_value(i), to);
    b.append(out);
  }
  return b.finish();
}

Array cast_to_bool(const Array& a, const std::string& what) {
  BoolBuilder b;
  for (int64_t i = 0; i < a.length(); ++i) {
    if (a.is_null(i)) {
      b.append_null();
      continue;
    }
    bool ok = true, v = false;
    visit_numeric(a, i, [&](auto x) {
      if (x == 0) v = false;
      else if (x == 1) v = true;
      else ok = false;
    });
    if (!ok) out_of_range(what, i, a.format_value(i), DataType(TypeId::Bool));
    b.append(v);
  }
  return b.finish();
}

Array format_all(const Array& a, const DataType& to) {
  StringBuilder b(to);
  for (int64_t i = 0; i < a.length(); ++i) {
    if (a.is_null(i)) b.append_null();
    else b.append(a.format_value(i));
  }
  return b.finish();
}

Array parse_all(const Array& a, const DataType& to, const std::string& what) {
  auto b = make_builder(to);
  for (int64_t i = 0; i < a.length(); ++i) {
    if (a.is_null(i)) {
      b->append_null();
      continue;
    }
    const std::string_view s = a.string_value(i);
    bool ok = false;
    auto fail = [&] { throw_invalid("cannot cast " + what + " at row " + std::to_string(i) + " ('" + std::string(s) +
                                    "') to " + to.to_string()); };
    switch (to.id) {
      case TypeId::Bool: {
        if (s == "true" || s == "1") { static_cast<BoolBuilder*>(b.get())->append(true); ok = true; }
        else if (s == "false" || s == "0") { static_cast<BoolBuilder*>(b.get())->append(false); ok = true; }
        break;
      }
      case TypeId::Date32: {
        if (auto d = parse_date32(s)) { static_cast<PrimitiveBuilder<int32_t>*>(b.get())->append(*d); ok = true; }
        break;
      }
      case TypeId::Timestamp: {
        if (auto t = parse_timestamp(s, to.unit)) { static_cast<PrimitiveBuilder<int64_t>*>(b.get())->append(*t); ok = true; }
        break;
      }
      case TypeId::Float32: case TypeId::Float64: {
        double v;
        auto r = std::from_chars(s.data(), s.data() + s.size(), v);
        if (r.ec == std::errc() && r.ptr == s.data() + s.size()) {
          if (to.id == TypeId::Float32) static_cast<PrimitiveBuilder<float>*>(b.get())->append(static_cast<float>(v));
          else static_cast<PrimitiveBuilder<double>*>(b.get())->append(v);
          ok = true;
        }
        break;
      }
      default: {
        if (is_integer(to.id)) {
          // Parse as int64/uint64, then range-check through a one-element numeric cast.
          if (!s.empty() && s[0] == '-') {
            int64_t v;
            auto r = std::from_chars(s.data(), s.data() + s.size(), v);
            if (r.ec == std::errc() && r.ptr == s.data() + s.size()) {
              PrimitiveBuilder<int64_t> one(DataType(TypeId::Int64));
              one.append(v);
              b->append_from(cast(one.finish(), to, what), 0);
              ok = true;
            }
          } else {
            uint64_t v;
            auto r = std::from_chars(s.data(), s.data() + s.size(), v);
            if (r.ec == std::errc() && r.ptr == s.data() + s.size()) {
              PrimitiveBuilder<uint64_t> one(DataType(TypeId::UInt64));
              one.append(v);
              b->append_from(cast(one.finish(), to, what), 0);
              ok = true;
            }
          }
        }
      }
    }
    if (!ok) fail();
  }
  return b->finish();
}

bool numeric_like(TypeId id) { return is_integer(id) || is_floating(id) || id == TypeId::Bool; }

}  // namespace

DataType common_numeric_type(const DataType& a, const DataType& b) {
  if (is_floating(a.id) || is_floating(b.id)) return DataType(TypeId::Float64);
  if (!is_signed_integer(a.id) && !is_signed_integer(b.id)) return DataType(TypeId::UInt64);
  return DataType(TypeId::Int64);
}

Array cast(const Array& a, const DataType& to, const std::string& what) {
  const DataType& from = a.type();
  if (from == to) return a;
  if (is_string(to.id)) {
    if (is_string(from.id)) {
      StringBuilder b(to);
      b.reserve(a.length());
      for (int64_t i = 0; i < a.length(); ++i) b.append_from(a, i);
      return b.finish();
    }
    return format_all(a, to);
  }
  if (is_string(from.id)) return parse_all(a, to, what);
  if (to.id == TypeId::Bool && numeric_like(from.id)) return cast_to_bool(a, what);
  // Temporal conversions.
  if (from.id == TypeId::Timestamp && to.id == TypeId::Timestamp)
    return cast_numeric<int64_t>(a, to, what, units_per_second(to.unit) >= units_per_second(from.unit)
                                                  ? units_per_second(to.unit) / units_per_second(from.unit) : 1,
                                 units_per_second(to.unit) >= units_per_second(from.unit)
                                     ? 1 : units_per_second(from.unit) / units_per_second(to.unit));
  if (from.id == TypeId::Date32 && to.id == TypeId::Timestamp)
    return cast_numeric<int64_t>(a, to, what, 86400 * units_per_second(to.unit), 1);
  if (from.id == TypeId::Timestamp && to.id == TypeId::Date32)
    return cast_numeric<int32_t>(a, to, what, 1, 86400 * units_per_second(from.unit));
  const bool from_ok = numeric_like(from.id) || from.id == TypeId::Date32 || from.id == TypeId::Timestamp;
  if (from_ok) {
    switch (to.id) {
      case TypeId::Int8: return cast_numeric<int8_t>(a, to, what);
      case TypeId::Int16: return cast_numeric<int16_t>(a, to, what);
      case TypeId::Int32: case TypeId::Date32: return cast_numeric<int32_t>(a, to, what);
      case TypeId::Int64: case TypeId::Timestamp: return cast_numeric<int64_t>(a, to, what);
      case TypeId::UInt8: return cast_numeric<uint8_t>(a, to, what);
      case TypeId::UInt16: return cast_numeric<uint16_t>(a, to, what);
      case TypeId::UInt32: return cast_numeric<uint32_t>(a, to, what);
      case TypeId::UInt64: return cast_numeric<uint64_t>(a, to, what);
      case TypeId::Float32: return cast_numeric<float>(a, to, what);
      case TypeId::Float64: return cast_numeric<double>(a, to, what);
      default: break;
    }
  }
  throw_unsupported("cannot cast " + what + " from " + from.to_string() + " to " + to.to_string());
}

}  // namespace deeprc::compute
