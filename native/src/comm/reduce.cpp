#include "comm/reduce.h"

#include <string>

#include "core/error.h"

namespace deeprc::comm {
namespace {

template <typename T>
void reduce_typed(void* acc, const void* in, int64_t count, ReduceOp op) {
  auto* a = static_cast<T*>(acc);
  const auto* b = static_cast<const T*>(in);
  switch (op) {
    case ReduceOp::Sum:
      for (int64_t i = 0; i < count; ++i) {
        if constexpr (std::is_integral_v<T>) {
          using U = std::make_unsigned_t<T>;
          a[i] = static_cast<T>(static_cast<U>(a[i]) + static_cast<U>(b[i]));
        } else {
          a[i] = a[i] + b[i];
        }
      }
      return;
    case ReduceOp::Min:
      for (int64_t i = 0; i < count; ++i)
        if (b[i] < a[i]) a[i] = b[i];
      return;
    case ReduceOp::Max:
      for (int64_t i = 0; i < count; ++i)
        if (a[i] < b[i]) a[i] = b[i];
      return;
  }
  throw_invalid("unknown reduce op " + std::to_string(static_cast<int>(op)));
}

}  // namespace

void check_reducible(TypeId type, const char* what) {
  if (!is_integer(type) && !is_floating(type))
    throw_invalid(std::string(what) + ": reductions need an integer or float type, got " + type_name(type));
}

void reduce_into(void* acc, const void* in, int64_t count, TypeId type, ReduceOp op) {
  check_reducible(type, "allreduce");
  switch (type) {
    case TypeId::Int8: return reduce_typed<int8_t>(acc, in, count, op);
    case TypeId::Int16: return reduce_typed<int16_t>(acc, in, count, op);
    case TypeId::Int32: return reduce_typed<int32_t>(acc, in, count, op);
    case TypeId::Int64: return reduce_typed<int64_t>(acc, in, count, op);
    case TypeId::UInt8: return reduce_typed<uint8_t>(acc, in, count, op);
    case TypeId::UInt16: return reduce_typed<uint16_t>(acc, in, count, op);
    case TypeId::UInt32: return reduce_typed<uint32_t>(acc, in, count, op);
    case TypeId::UInt64: return reduce_typed<uint64_t>(acc, in, count, op);
    case TypeId::Float32: return reduce_typed<float>(acc, in, count, op);
    case TypeId::Float64: return reduce_typed<double>(acc, in, count, op);
    default: break;
  }
  throw_invalid(std::string("allreduce: unsupported type ") + type_name(type));
}

}  // namespace deeprc::comm
