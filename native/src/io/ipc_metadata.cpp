#include "io/ipc_metadata.h"

#include <vector>

#include "core/error.h"

namespace deeprc::io::ipc {

namespace {

flatbuffers::Offset<void> build_type(flatbuffers::FlatBufferBuilder& b, const DataType& t, fb::Type* tag) {
  auto int_type = [&](int bits, bool is_signed) {
    *tag = fb::Type::Int;
    return fb::CreateInt(b, bits, is_signed).Union();
  };
  switch (t.id) {
    case TypeId::Bool: *tag = fb::Type::Bool; return fb::CreateBool(b).Union();
    case TypeId::Int8: return int_type(8, true);
    case TypeId::Int16: return int_type(16, true);
    case TypeId::Int32: return int_type(32, true);
    case TypeId::Int64: return int_type(64, true);
    case TypeId::UInt8: return int_type(8, false);
    case TypeId::UInt16: return int_type(16, false);
    case TypeId::UInt32: return int_type(32, false);
    case TypeId::UInt64: return int_type(64, false);
    case TypeId::Float32:
      *tag = fb::Type::FloatingPoint;
      return fb::CreateFloatingPoint(b, fb::Precision::SINGLE).Union();
    case TypeId::Float64:
      *tag = fb::Type::FloatingPoint;
      return fb::CreateFloatingPoint(b, fb::Precision::DOUBLE).Union();
    case TypeId::Utf8: *tag = fb::Type::Utf8; return fb::CreateUtf8(b).Union();
    case TypeId::LargeUtf8: *tag = fb::Type::LargeUtf8; return fb::CreateLargeUtf8(b).Union();
    case TypeId::Date32: *tag = fb::Type::Date; return fb::CreateDate(b, fb::DateUnit::DAY).Union();
    case TypeId::Timestamp: {
      // The timezone string must be created before the table that refers to it.
      auto tz = t.timezone.empty() ? flatbuffers::Offset<flatbuffers::String>() : b.CreateString(t.timezone);
      *tag = fb::Type::Timestamp;
      return fb::CreateTimestamp(b, static_cast<fb::TimeUnit>(static_cast<int16_t>(t.unit)), tz).Union();
    }
  }
  throw_internal("IPC writer: unhandled type " + t.to_string());
}

// Lower-case Arrow names for the error messages about types we do not read.
std::string arrow_type_name(fb::Type tag, const fb::Field* f) {
  switch (tag) {
    case fb::Type::NONE: return "none";
    case fb::Type::Null: return "null";
    case fb::Type::Binary: return "binary";
    case fb::Type::LargeBinary: return "large_binary";
    case fb::Type::Decimal: return "decimal";
    case fb::Type::Time: return "time";
    case fb::Type::Interval: return "interval";
    case fb::Type::List: return "list";
    case fb::Type::LargeList: return "large_list";
    case fb::Type::Struct_: return "struct";
    case fb::Type::Union: return "union";
    case fb::Type::FixedSizeBinary: return "fixed_size_binary";
    case fb::Type::FixedSizeList: return "fixed_size_list";
    case fb::Type::Map: return "map";
    case fb::Type::Duration: return "duration";
    case fb::Type::RunEndEncoded: return "run_end_encoded";
    case fb::Type::BinaryView: return "binary_view";
    case fb::Type::Utf8View: return "utf8_view";
    case fb::Type::ListView: return "list_view";
    case fb::Type::LargeListView: return "large_list_view";
    case fb::Type::Date: return "date64";
    case fb::Type::FloatingPoint: return "float16";
    case fb::Type::Int: {
      const auto* i = f->type_as_Int();
      return std::string(i && i->is_signed() ? "int" : "uint") + std::to_string(i ? i->bitWidth() : 0);
    }
    default: return "type #" + std::to_string(static_cast<int>(tag));
  }
}

DataType parse_type(const fb::Field* f, const std::string& col, const std::string& source) {
  const fb::Type tag = f->type_type();
  auto unsupported = [&]() -> DataType {
    throw_unsupported(source + ": unsupported Arrow type " + arrow_type_name(tag, f) + " in column '" + col + "'");
  };
  auto missing = [&]() -> DataType {
    throw_parse(source + ": column '" + col + "' has no type parameters in its metadata");
  };
  switch (tag) {
    case fb::Type::Bool: return TypeId::Bool;
    case fb::Type::Utf8: return TypeId::Utf8;
    case fb::Type::LargeUtf8: return TypeId::LargeUtf8;
    case fb::Type::Int: {
      const auto* i = f->type_as_Int();
      if (!i) return missing();
      switch (i->bitWidth()) {
        case 8: return i->is_signed() ? TypeId::Int8 : TypeId::UInt8;
        case 16: return i->is_signed() ? TypeId::Int16 : TypeId::UInt16;
        case 32: return i->is_signed() ? TypeId::Int32 : TypeId::UInt32;
        case 64: return i->is_signed() ? TypeId::Int64 : TypeId::UInt64;
        default: return unsupported();
      }
    }
    case fb::Type::FloatingPoint: {
      const auto* p = f->type_as_FloatingPoint();
      if (!p) return missing();
      if (p->precision() == fb::Precision::SINGLE) return TypeId::Float32;
      if (p->precision() == fb::Precision::DOUBLE) return TypeId::Float64;
      return unsupported();
    }
    case fb::Type::Date: {
      const auto* d = f->type_as_Date();
      if (!d) return missing();
      if (d->unit() == fb::DateUnit::DAY) return TypeId::Date32;
      return unsupported();
    }
    case fb::Type::Timestamp: {
      const auto* ts = f->type_as_Timestamp();
      if (!ts) return missing();
      const auto u = static_cast<int16_t>(ts->unit());
      if (u < 0 || u > 3) throw_parse(source + ": column '" + col + "' has invalid timestamp unit " + std::to_string(u));
      return DataType::timestamp(static_cast<TimeUnit>(u), ts->timezone() ? ts->timezone()->str() : std::string());
    }
    default: return unsupported();
  }
}

}  // namespace

flatbuffers::Offset<fb::Schema> build_schema(flatbuffers::FlatBufferBuilder& b, const Schema& schema) {
  std::vector<flatbuffers::Offset<fb::Field>> fields;
  fields.reserve(static_cast<size_t>(schema.num_fields()));
  for (const Field& f : schema.fields()) {
    fb::Type tag = fb::Type::NONE;
    auto type = build_type(b, f.type, &tag);
    auto name = b.CreateString(f.name);
    auto children = b.CreateVector(std::vector<flatbuffers::Offset<fb::Field>>{});
    fields.push_back(fb::CreateField(b, name, f.nullable, tag, type, 0, children));
  }
  return fb::CreateSchema(b, fb::Endianness::Little, b.CreateVector(fields));
}

Schema parse_schema(const fb::Schema* s, const std::string& source) {
  if (s == nullptr) throw_parse(source + ": message has no schema");
  if (s->endianness() != fb::Endianness::Little) throw_unsupported(source + ": big-endian Arrow data is not supported");
  std::vector<Field> fields;
  if (s->fields()) {
    for (flatbuffers::uoffset_t i = 0; i < s->fields()->size(); ++i) {
      const fb::Field* f = s->fields()->Get(i);
      if (f == nullptr) throw_parse(source + ": field " + std::to_string(i) + " is missing from the schema");
      const std::string name = f->name() ? f->name()->str() : std::string();
      if (f->dictionary())
        throw_unsupported(source + ": dictionary-encoded column '" + name + "' is not supported");
      Field out;
      out.name = name;
      out.type = parse_type(f, name, source);
      out.nullable = f->nullable();
      fields.push_back(std::move(out));
    }
  }
  try {
    return Schema(std::move(fields));
  } catch (const Error& e) {
    // Duplicate or empty names: legal in Arrow, but DeepRC tables need unique names.
    throw Error(e.code(), source + ": " + e.what());
  }
}

}  // namespace deeprc::io::ipc
