// Calls fn(T{}) with the physical C++ type of a fixed-width type id (dates are int32,
// timestamps int64). Bool and strings are not fixed width and are rejected.
#pragma once
#include <cstdint>

#include "arrow/type.h"
#include "core/error.h"

namespace deeprc::compute {

template <typename Fn>
decltype(auto) dispatch_fixed_width(TypeId id, Fn&& fn) {
  switch (id) {
    case TypeId::Int8: return fn(int8_t{});
    case TypeId::Int16: return fn(int16_t{});
    case TypeId::Int32: case TypeId::Date32: return fn(int32_t{});
    case TypeId::Int64: case TypeId::Timestamp: return fn(int64_t{});
    case TypeId::UInt8: return fn(uint8_t{});
    case TypeId::UInt16: return fn(uint16_t{});
    case TypeId::UInt32: return fn(uint32_t{});
    case TypeId::UInt64: return fn(uint64_t{});
    case TypeId::Float32: return fn(float{});
    case TypeId::Float64: return fn(double{});
    default: break;
  }
  throw_internal(std::string("dispatch_fixed_width: not a fixed-width type: ") + type_name(id));
}

}  // namespace deeprc::compute
