#include "compute/expr_vec.h"

#include <cstring>
#include <vector>

#include "arrow/builder.h"
#include "core/error.h"

namespace deeprc::compute {

const uint8_t* zero_bytes() {
  alignas(64) static const uint8_t kZeros[kExprChunk] = {};
  return kZeros;
}

namespace {

template <typename T, typename S>
void widen(const Array& a, int64_t begin, int64_t len, Vec& v) {
  const S* src = a.values<S>() + begin;
  T* out = alloc_values<T>(v.keep_data, len);
  for (int64_t i = 0; i < len; ++i) out[i] = static_cast<T>(src[i]);
  v.data = out;
}

void unpack_bits(const uint8_t* bits, int64_t offset, int64_t len, uint8_t* out) {
  for (int64_t i = 0; i < len; ++i) out[i] = bits::get(bits, offset + i);
}

}  // namespace

Vec load_array(const Array& a, int64_t begin, int64_t len, bool keep_alive) {
  Vec v;
  v.phys = phys_of(a.type());
  const ArrayData& d = a.data();
  if (a.null_count() > 0) {
    uint8_t* valid = alloc_values<uint8_t>(v.keep_valid, len);
    unpack_bits(d.validity->data(), d.offset + begin, len, valid);
    v.valid = valid;
  }
  switch (a.type_id()) {
    case TypeId::Bool: {
      uint8_t* out = alloc_values<uint8_t>(v.keep_data, len);
      unpack_bits(d.values->data(), d.offset + begin, len, out);
      v.data = out;
      break;
    }
    case TypeId::Int8: widen<int64_t, int8_t>(a, begin, len, v); break;
    case TypeId::Int16: widen<int64_t, int16_t>(a, begin, len, v); break;
    case TypeId::Int32:
    case TypeId::Date32: widen<int64_t, int32_t>(a, begin, len, v); break;
    case TypeId::UInt8: widen<uint64_t, uint8_t>(a, begin, len, v); break;
    case TypeId::UInt16: widen<uint64_t, uint16_t>(a, begin, len, v); break;
    case TypeId::UInt32: widen<uint64_t, uint32_t>(a, begin, len, v); break;
    case TypeId::Float32: widen<double, float>(a, begin, len, v); break;
    case TypeId::Int64:
    case TypeId::Timestamp:
    case TypeId::UInt64:
    case TypeId::Float64:
      v.data = a.values<int64_t>() + begin;  // borrowed: same 8-byte layout
      if (keep_alive) v.keep_data = a.data_ptr();
      break;
    case TypeId::Utf8:
    case TypeId::LargeUtf8: {
      auto* out = alloc_values<std::string_view>(v.keep_data, len);
      const char* bytes = reinterpret_cast<const char*>(d.data->data());
      if (a.type_id() == TypeId::Utf8) {
        const int32_t* o = d.values->as<int32_t>() + d.offset + begin;
        for (int64_t i = 0; i < len; ++i) out[i] = std::string_view(bytes + o[i], static_cast<size_t>(o[i + 1] - o[i]));
      } else {
        const int64_t* o = d.values->as<int64_t>() + d.offset + begin;
        for (int64_t i = 0; i < len; ++i) out[i] = std::string_view(bytes + o[i], static_cast<size_t>(o[i + 1] - o[i]));
      }
      v.data = out;
      // String views point into the array's bytes; keep them alive with the views.
      if (keep_alive) {
        auto views = v.keep_data;
        auto arr = a.data_ptr();
        v.keep_data = std::shared_ptr<const void>(views.get(), [views, arr](const void*) {});
      }
      break;
    }
  }
  return v;
}

namespace {

template <typename T, typename S>
BufferPtr narrow(const Vec& v, int64_t len) {
  auto out = Buffer::allocate(len * static_cast<int64_t>(sizeof(T)));
  T* o = out->mutable_as<T>();
  const S* s = v.as<S>();
  if (v.scalar) {
    const T x = v.valid_at(0) ? static_cast<T>(s[0]) : T{};
    for (int64_t i = 0; i < len; ++i) o[i] = x;
  } else if (v.valid == nullptr) {
    for (int64_t i = 0; i < len; ++i) o[i] = static_cast<T>(s[i]);
  } else {
    for (int64_t i = 0; i < len; ++i) o[i] = v.valid[i] ? static_cast<T>(s[i]) : T{};
  }
  return out;
}

BufferPtr pack(const uint8_t* bytes, bool scalar, int64_t len, int64_t* set_count) {
  auto out = Buffer::allocate(bits::bytes_for(len), true);
  uint8_t* o = out->mutable_data();
  int64_t n = 0;
  for (int64_t i = 0; i < len; ++i) {
    const bool b = bytes[scalar ? 0 : i] != 0;
    o[i >> 3] |= static_cast<uint8_t>(b) << (i & 7);
    n += b;
  }
  *set_count = n;
  return out;
}

}  // namespace

Array vec_to_array(const Vec& v, const DataType& type, int64_t len) {
  ArrayData d;
  d.type = type;
  d.length = len;
  if (v.valid != nullptr) {
    int64_t valid_count;
    d.validity = pack(v.valid, v.scalar, len, &valid_count);
    d.null_count = len - valid_count;
    if (d.null_count == 0) d.validity = nullptr;
  }
  switch (type.id) {
    case TypeId::Bool: {
      std::vector<uint8_t> masked;
      const uint8_t* vals = v.as<uint8_t>();
      if (v.valid != nullptr) {  // zero the values of null rows
        const int64_t n = v.scalar ? 1 : len;
        masked.resize(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) masked[i] = vals[i] & v.valid[i];
        vals = masked.data();
      }
      int64_t ignored;
      d.values = pack(vals, v.scalar, len, &ignored);
      break;
    }
    case TypeId::Int8: d.values = narrow<int8_t, int64_t>(v, len); break;
    case TypeId::Int16: d.values = narrow<int16_t, int64_t>(v, len); break;
    case TypeId::Int32:
    case TypeId::Date32: d.values = narrow<int32_t, int64_t>(v, len); break;
    case TypeId::Int64:
    case TypeId::Timestamp: d.values = narrow<int64_t, int64_t>(v, len); break;
    case TypeId::UInt8: d.values = narrow<uint8_t, uint64_t>(v, len); break;
    case TypeId::UInt16: d.values = narrow<uint16_t, uint64_t>(v, len); break;
    case TypeId::UInt32: d.values = narrow<uint32_t, uint64_t>(v, len); break;
    case TypeId::UInt64: d.values = narrow<uint64_t, uint64_t>(v, len); break;
    case TypeId::Float32: d.values = narrow<float, double>(v, len); break;
    case TypeId::Float64: d.values = narrow<double, double>(v, len); break;
    case TypeId::Utf8:
    case TypeId::LargeUtf8: {
      StringBuilder b(type);
      b.reserve(len);
      const auto* s = v.as<std::string_view>();
      for (int64_t i = 0; i < len; ++i) {
        if (v.valid_at(i)) b.append(s[v.scalar ? 0 : i]);
        else b.append_null();
      }
      return b.finish();
    }
  }
  return Array::make(std::move(d));
}

}  // namespace deeprc::compute
