#include "arrow/array.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "arrow/temporal.h"
#include "core/error.h"

namespace deeprc {
namespace {

void require(bool cond, const DataType& t, const std::string& what) {
  if (!cond) throw_invalid("invalid " + t.to_string() + " array: " + what);
}

int64_t needed_value_bytes(const ArrayData& a) {
  const int64_t n = a.offset + a.length;
  if (a.type.id == TypeId::Bool) return bits::bytes_for(n);
  if (is_string(a.type.id)) return (n + 1) * (a.type.id == TypeId::LargeUtf8 ? 8 : 4);
  return n * byte_width(a.type.id);
}

template <typename O>
void validate_offsets(const ArrayData& a) {
  const O* o = a.values->as<O>();
  const int64_t data_size = a.data ? a.data->size() : 0;
  if (a.length == 0) return;
  require(o[a.offset] >= 0, a.type, "negative first offset");
  for (int64_t i = a.offset; i < a.offset + a.length; ++i)
    if (o[i] > o[i + 1]) require(false, a.type, "offsets not monotonic at element " + std::to_string(i - a.offset));
  require(static_cast<int64_t>(o[a.offset + a.length]) <= data_size, a.type,
          "last offset " + std::to_string(o[a.offset + a.length]) + " past data size " + std::to_string(data_size));
}

}  // namespace

Array Array::make(ArrayData a) {
  require(a.length >= 0 && a.offset >= 0, a.type, "negative length or offset");
  if (!a.values) {
    require(a.length == 0 && a.offset == 0, a.type, "missing values buffer");
    if (is_string(a.type.id)) {
      a.values = Buffer::allocate(a.type.id == TypeId::LargeUtf8 ? 8 : 4, /*zero=*/true);
    } else {
      a.values = Buffer::allocate(0, true);
    }
  }
  require(a.values->size() >= needed_value_bytes(a), a.type,
          "values buffer of " + std::to_string(a.values->size()) + " bytes is too small for " +
              std::to_string(a.length) + " elements at offset " + std::to_string(a.offset));
  if (a.validity) {
    require(a.validity->size() >= bits::bytes_for(a.offset + a.length), a.type, "validity bitmap too small");
    const int64_t valid = bits::count_set(a.validity->data(), a.offset, a.length);
    if (a.null_count < 0) a.null_count = a.length - valid;
    require(a.null_count == a.length - valid, a.type,
            "null_count " + std::to_string(a.null_count) + " does not match bitmap (" +
                std::to_string(a.length - valid) + ")");
    if (a.null_count == 0) a.validity.reset();
  } else {
    require(a.null_count <= 0, a.type, "null_count > 0 without a validity bitmap");
    a.null_count = 0;
  }
  if (is_string(a.type.id)) {
    if (!a.data) a.data = Buffer::allocate(0, true);
    if (a.type.id == TypeId::LargeUtf8) validate_offsets<int64_t>(a);
    else validate_offsets<int32_t>(a);
  }
  return Array(std::make_shared<const ArrayData>(std::move(a)));
}

Array Array::slice(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0 || offset + length > d_->length)
    throw_invalid("slice [" + std::to_string(offset) + ", " + std::to_string(offset + length) +
                  ") out of range for array of length " + std::to_string(d_->length));
  ArrayData s = *d_;
  s.offset = d_->offset + offset;
  s.length = length;
  if (s.validity) s.null_count = length - bits::count_set(s.validity->data(), s.offset, length);
  if (s.null_count == 0) s.validity.reset();
  return Array(std::make_shared<const ArrayData>(std::move(s)));
}

bool Array::equals(const Array& o) const {
  if (type() != o.type() || length() != o.length() || null_count() != o.null_count()) return false;
  const int64_t n = length();
  for (int64_t i = 0; i < n; ++i)
    if (is_valid(i) != o.is_valid(i)) return false;
  const TypeId id = type_id();
  if (id == TypeId::Bool) {
    for (int64_t i = 0; i < n; ++i)
      if (is_valid(i) && bool_value(i) != o.bool_value(i)) return false;
    return true;
  }
  if (is_string(id)) {
    for (int64_t i = 0; i < n; ++i)
      if (is_valid(i) && string_value(i) != o.string_value(i)) return false;
    return true;
  }
  const int w = byte_width(id);
  const uint8_t* a = d_->values->data() + d_->offset * w;
  const uint8_t* b = o.d_->values->data() + o.d_->offset * w;
  if (null_count() == 0) return std::memcmp(a, b, static_cast<size_t>(n * w)) == 0;
  for (int64_t i = 0; i < n; ++i)
    if (is_valid(i) && std::memcmp(a + i * w, b + i * w, static_cast<size_t>(w)) != 0) return false;
  return true;
}

namespace {
template <typename T>
std::string int_str(T v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}
template <typename T>
std::string float_str(T v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip
  return std::string(buf, r.ptr);
}
}  // namespace

std::string Array::format_value(int64_t i) const {
  if (is_null(i)) return "null";
  switch (type_id()) {
    case TypeId::Bool: return bool_value(i) ? "true" : "false";
    case TypeId::Int8: return int_str(values<int8_t>()[i]);
    case TypeId::Int16: return int_str(values<int16_t>()[i]);
    case TypeId::Int32: return int_str(values<int32_t>()[i]);
    case TypeId::Int64: return int_str(values<int64_t>()[i]);
    case TypeId::UInt8: return int_str(values<uint8_t>()[i]);
    case TypeId::UInt16: return int_str(values<uint16_t>()[i]);
    case TypeId::UInt32: return int_str(values<uint32_t>()[i]);
    case TypeId::UInt64: return int_str(values<uint64_t>()[i]);
    case TypeId::Float32: return float_str(values<float>()[i]);
    case TypeId::Float64: return float_str(values<double>()[i]);
    case TypeId::Utf8:
    case TypeId::LargeUtf8: return std::string(string_value(i));
    case TypeId::Date32: return format_date32(values<int32_t>()[i]);
    case TypeId::Timestamp: return format_timestamp(values<int64_t>()[i], type().unit, !type().timezone.empty());
  }
  return "?";
}

}  // namespace deeprc
