// Element-wise reduction for the plugin's allreduce, by drc_type_id: sum wraps around for
// integers (computed unsigned), min / max replace the accumulator only when the incoming value is
// strictly smaller / larger (so a NaN never replaces a number), matching the core's reduce_into.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#include "deeprc/deeprc.h"
#include "deeprc/deeprc_comm_plugin.h"
#include "gloo_plugin_error.h"

namespace deeprc::gloo_plugin {

template <typename T>
void reduce_typed(void* acc, const void* in, int64_t n, int32_t op) {
  for (int64_t i = 0; i < n; ++i) {
    T a, b;
    std::memcpy(&a, static_cast<const uint8_t*>(acc) + i * int64_t{sizeof(T)}, sizeof(T));
    std::memcpy(&b, static_cast<const uint8_t*>(in) + i * int64_t{sizeof(T)}, sizeof(T));
    if (op == DRC_PLUGIN_REDUCE_SUM) {
      if constexpr (std::is_integral_v<T>) {
        using U = std::make_unsigned_t<T>;
        a = static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
      } else {
        a = a + b;
      }
    } else if (op == DRC_PLUGIN_REDUCE_MIN) {
      if (b < a) a = b;
    } else {
      if (a < b) a = b;
    }
    std::memcpy(static_cast<uint8_t*>(acc) + i * int64_t{sizeof(T)}, &a, sizeof(T));
  }
}

// Bytes per element of a reducible dtype; fails (INVALID) for any other type or op.
inline int64_t reduce_width(int32_t dtype, int32_t op) {
  if (op < DRC_PLUGIN_REDUCE_SUM || op > DRC_PLUGIN_REDUCE_MAX)
    fail(DRC_STATUS_INVALID, "reduce op " + std::to_string(op) + " is not sum, min or max");
  switch (dtype) {
    case DRC_TYPE_INT8: case DRC_TYPE_UINT8: return 1;
    case DRC_TYPE_INT16: case DRC_TYPE_UINT16: return 2;
    case DRC_TYPE_INT32: case DRC_TYPE_UINT32: case DRC_TYPE_FLOAT32: return 4;
    case DRC_TYPE_INT64: case DRC_TYPE_UINT64: case DRC_TYPE_FLOAT64: return 8;
    default: fail(DRC_STATUS_INVALID, "type id " + std::to_string(dtype) + " is not a numeric type to reduce");
  }
}

inline void reduce_into(void* acc, const void* in, int64_t n, int32_t dtype, int32_t op) {
  switch (dtype) {
    case DRC_TYPE_INT8: return reduce_typed<int8_t>(acc, in, n, op);
    case DRC_TYPE_INT16: return reduce_typed<int16_t>(acc, in, n, op);
    case DRC_TYPE_INT32: return reduce_typed<int32_t>(acc, in, n, op);
    case DRC_TYPE_INT64: return reduce_typed<int64_t>(acc, in, n, op);
    case DRC_TYPE_UINT8: return reduce_typed<uint8_t>(acc, in, n, op);
    case DRC_TYPE_UINT16: return reduce_typed<uint16_t>(acc, in, n, op);
    case DRC_TYPE_UINT32: return reduce_typed<uint32_t>(acc, in, n, op);
    case DRC_TYPE_UINT64: return reduce_typed<uint64_t>(acc, in, n, op);
    case DRC_TYPE_FLOAT32: return reduce_typed<float>(acc, in, n, op);
    case DRC_TYPE_FLOAT64: return reduce_typed<double>(acc, in, n, op);
    default: fail(DRC_STATUS_INVALID, "type id " + std::to_string(dtype) + " is not a numeric type to reduce");
  }
}

}  // namespace deeprc::gloo_plugin
