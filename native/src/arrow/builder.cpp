#include "arrow/builder.h"

namespace deeprc {

StringBuilder::StringBuilder(DataType type) : ArrayBuilder(std::move(type)), large_(type_.id == TypeId::LargeUtf8) {
  DRC_CHECK(is_string(type_.id), "StringBuilder needs a string type");
  if (large_) offsets_.append_value(int64_t{0});
  else offsets_.append_value(int32_t{0});
}

Array StringBuilder::finish() {
  Array result = finish_with(offsets_.finish(), bytes_.finish());
  if (large_) offsets_.append_value(int64_t{0});
  else offsets_.append_value(int32_t{0});
  return result;
}

std::unique_ptr<ArrayBuilder> make_builder(const DataType& type) {
  switch (type.id) {
    case TypeId::Bool: return std::make_unique<BoolBuilder>();
    case TypeId::Int8: return std::make_unique<PrimitiveBuilder<int8_t>>(type);
    case TypeId::Int16: return std::make_unique<PrimitiveBuilder<int16_t>>(type);
    case TypeId::Int32: return std::make_unique<PrimitiveBuilder<int32_t>>(type);
    case TypeId::Int64: return std::make_unique<PrimitiveBuilder<int64_t>>(type);
    case TypeId::UInt8: return std::make_unique<PrimitiveBuilder<uint8_t>>(type);
    case TypeId::UInt16: return std::make_unique<PrimitiveBuilder<uint16_t>>(type);
    case TypeId::UInt32: return std::make_unique<PrimitiveBuilder<uint32_t>>(type);
    case TypeId::UInt64: return std::make_unique<PrimitiveBuilder<uint64_t>>(type);
    case TypeId::Float32: return std::make_unique<PrimitiveBuilder<float>>(type);
    case TypeId::Float64: return std::make_unique<PrimitiveBuilder<double>>(type);
    case TypeId::Utf8:
    case TypeId::LargeUtf8: return std::make_unique<StringBuilder>(type);
    case TypeId::Date32: return std::make_unique<PrimitiveBuilder<int32_t>>(type);
    case TypeId::Timestamp: return std::make_unique<PrimitiveBuilder<int64_t>>(type);
  }
  throw_unsupported("no builder for type " + type.to_string());
}

}  // namespace deeprc
