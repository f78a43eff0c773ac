// Arrow logical types supported by DeepRC, fields and schemas.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace deeprc {

// Values match DRC_TYPE_* in deeprc.h.
enum class TypeId : int32_t {
  Bool = 1,
  Int8 = 2,
  Int16 = 3,
  Int32 = 4,
  Int64 = 5,
  UInt8 = 6,
  UInt16 = 7,
  UInt32 = 8,
  UInt64 = 9,
  Float32 = 10,
  Float64 = 11,
  Utf8 = 12,
  LargeUtf8 = 13,
  Date32 = 14,
  Timestamp = 15,
};

// Values match DRC_TIME_UNIT_* in deeprc.h.
enum class TimeUnit : int32_t { Second = 0, Milli = 1, Micro = 2, Nano = 3 };

// A logical type. Value semantics: only timestamps carry parameters (unit and timezone).
struct DataType {
  TypeId id = TypeId::Int64;
  TimeUnit unit = TimeUnit::Second;  // timestamp only
  std::string timezone;              // timestamp only; empty = naive (no timezone)

  DataType() = default;
  DataType(TypeId i) : id(i) {}  // NOLINT(google-explicit-constructor): types read naturally
  static DataType timestamp(TimeUnit u, std::string tz = {}) {
    DataType t(TypeId::Timestamp);
    t.unit = u;
    t.timezone = std::move(tz);
    return t;
  }
  bool operator==(const DataType& o) const {
    return id == o.id && (id != TypeId::Timestamp || (unit == o.unit && timezone == o.timezone));
  }
  bool operator!=(const DataType& o) const { return !(*this == o); }
  std::string to_string() const;  // e.g. "int64", "timestamp[ms, tz=UTC]"
};

bool is_integer(TypeId id);
bool is_signed_integer(TypeId id);
bool is_floating(TypeId id);
bool is_string(TypeId id);        // utf8 or large_utf8
bool is_fixed_width(TypeId id);   // everything but bool (bit-packed) and strings
int byte_width(TypeId id);        // fixed-width types only; 0 otherwise
const char* type_name(TypeId id);
const char* time_unit_name(TimeUnit u);  // "s", "ms", "us", "ns"
// Parses a type name as printed by DataType::to_string() or a short alias
// ("int64", "i64", "float64", "double", "string", "utf8", "date32", "timestamp[ms]",
// "timestamp[us, tz=UTC]", ...). Returns nullopt if unknown.
std::optional<DataType> parse_type(const std::string& text);

struct Field {
  std::string name;
  DataType type;
  bool nullable = true;
  bool operator==(const Field& o) const { return name == o.name && type == o.type && nullable == o.nullable; }
};

class Schema {
 public:
  Schema() = default;
  // Throws Invalid on duplicate or empty field names.
  explicit Schema(std::vector<Field> fields);
  const std::vector<Field>& fields() const noexcept { return fields_; }
  int num_fields() const noexcept { return static_cast<int>(fields_.size()); }
  const Field& field(int i) const { return fields_.at(static_cast<size_t>(i)); }
  // -1 when absent.
  int index_of(const std::string& name) const;
  // Throws NotFound naming the column and listing the available ones.
  int require_index(const std::string& name) const;
  bool operator==(const Schema& o) const { return fields_ == o.fields_; }
  bool operator!=(const Schema& o) const { return !(*this == o); }
  std::string to_string() const;

 private:
  std::vector<Field> fields_;
  std::unordered_map<std::string, int> index_;
};

}  // namespace deeprc
