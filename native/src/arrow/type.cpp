#include "arrow/type.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"

namespace deeprc {

bool is_integer(TypeId id) { return id >= TypeId::Int8 && id <= TypeId::UInt64; }
bool is_signed_integer(TypeId id) { return id >= TypeId::Int8 && id <= TypeId::Int64; }
bool is_floating(TypeId id) { return id == TypeId::Float32 || id == TypeId::Float64; }
bool is_string(TypeId id) { return id == TypeId::Utf8 || id == TypeId::LargeUtf8; }
bool is_fixed_width(TypeId id) { return id != TypeId::Bool && !is_string(id); }

int byte_width(TypeId id) {
  switch (id) {
    case TypeId::Int8: case TypeId::UInt8: return 1;
    case TypeId::Int16: case TypeId::UInt16: return 2;
    case TypeId::Int32: case TypeId::UInt32: case TypeId::Float32: case TypeId::Date32: return 4;
    case TypeId::Int64: case TypeId::UInt64: case TypeId::Float64: case TypeId::Timestamp: return 8;
    default: return 0;
  }
}

const char* type_name(TypeId id) {
  switch (id) {
    case TypeId::Bool: return "bool";
    case TypeId::Int8: return "int8";
    case TypeId::Int16: return "int16";
    case TypeId::Int32: return "int32";
    case TypeId::Int64: return "int64";
    case TypeId::UInt8: return "uint8";
    case TypeId::UInt16: return "uint16";
    case TypeId::UInt32: return "uint32";
    case TypeId::UInt64: return "uint64";
    case TypeId::Float32: return "float32";
    case TypeId::Float64: return "float64";
    case TypeId::Utf8: return "utf8";
    case TypeId::LargeUtf8: return "large_utf8";
    case TypeId::Date32: return "date32";
    case TypeId::Timestamp: return "timestamp";
  }
  return "unknown";
}

const char* time_unit_name(TimeUnit u) {
  switch (u) {
    case TimeUnit::Second: return "s";
    case TimeUnit::Milli: return "ms";
    case TimeUnit::Micro: return "us";
    case TimeUnit::Nano: return "ns";
  }
  return "?";
}

std::string DataType::to_string() const {
  if (id != TypeId::Timestamp) return type_name(id);
  std::string s = std::string("timestamp[") + time_unit_name(unit);
  if (!timezone.empty()) s += ", tz=" + timezone;
  return s + "]";
}

namespace {
std::string trim_lower(const std::string& s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::optional<DataType> parse_type(const std::string& text) {
  const std::string t = trim_lower(text);
  static const std::pair<const char*, TypeId> names[] = {
      {"bool", TypeId::Bool},         {"boolean", TypeId::Bool},     {"int8", TypeId::Int8},
      {"i8", TypeId::Int8},           {"int16", TypeId::Int16},      {"i16", TypeId::Int16},
      {"int32", TypeId::Int32},       {"i32", TypeId::Int32},        {"int", TypeId::Int32},
      {"int64", TypeId::Int64},       {"i64", TypeId::Int64},        {"long", TypeId::Int64},
      {"uint8", TypeId::UInt8},       {"u8", TypeId::UInt8},         {"uint16", TypeId::UInt16},
      {"u16", TypeId::UInt16},        {"uint32", TypeId::UInt32},    {"u32", TypeId::UInt32},
      {"uint64", TypeId::UInt64},     {"u64", TypeId::UInt64},       {"float32", TypeId::Float32},
      {"f32", TypeId::Float32},       {"float", TypeId::Float32},    {"float64", TypeId::Float64},
      {"f64", TypeId::Float64},       {"double", TypeId::Float64},   {"utf8", TypeId::Utf8},
      {"string", TypeId::Utf8},       {"str", TypeId::Utf8},         {"large_utf8", TypeId::LargeUtf8},
      {"large_string", TypeId::LargeUtf8}, {"date32", TypeId::Date32}, {"date", TypeId::Date32},
  };
  for (const auto& [n, id] : names)
    if (t == n) return DataType(id);
  if (t.rfind("timestamp", 0) == 0) {
    std::string rest = t.substr(9);
    if (rest.empty()) return DataType::timestamp(TimeUnit::Micro);
    if (rest.front() != '[' || rest.back() != ']') return std::nullopt;
    rest = rest.substr(1, rest.size() - 2);
    std::string unit = rest, tz;
    if (auto comma = rest.find(','); comma != std::string::npos) {
      unit = rest.substr(0, comma);
      std::string tzpart = rest.substr(comma + 1);
      if (tzpart.rfind("tz=", 0) != 0) return std::nullopt;
      // Keep the timezone's original case: find it in the original text.
      auto pos = text.find("tz=");
      if (pos == std::string::npos) pos = text.find("TZ=");
      if (pos == std::string::npos) return std::nullopt;
      tz = text.substr(pos + 3);
      while (!tz.empty() && (tz.back() == ']' || std::isspace(static_cast<unsigned char>(tz.back())))) tz.pop_back();
    }
    TimeUnit u;
    if (unit == "s") u = TimeUnit::Second;
    else if (unit == "ms") u = TimeUnit::Milli;
    else if (unit == "us") u = TimeUnit::Micro;
    else if (unit == "ns") u = TimeUnit::Nano;
    else return std::nullopt;
    return DataType::timestamp(u, tz);
  }
  return std::nullopt;
}

Schema::Schema(std::vector<Field> fields) : fields_(std::move(fields)) {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name.empty()) throw_invalid("column " + std::to_string(i) + " has an empty name");
    if (!index_.emplace(fields_[i].name, static_cast<int>(i)).second)
      throw_invalid("duplicate column name '" + fields_[i].name + "'");
  }
}

int Schema::index_of(const std::string& name) const {
  auto it = index_.find(name);
  return it == index_.end() ? -1 : it->second;
}

int Schema::require_index(const std::string& name) const {
  int i = index_of(name);
  if (i < 0) {
    std::string avail;
    for (const auto& f : fields_) avail += (avail.empty() ? "" : ", ") + f.name;
    throw_not_found("no column named '" + name + "' (columns: " + avail + ")");
  }
  return i;
}

std::string Schema::to_string() const {
  std::string s;
  for (const auto& f : fields_) s += f.name + ": " + f.type.to_string() + (f.nullable ? "" : " not null") + "\n";
  return s;
}

}  // namespace deeprc
