#include <mutex>
#include <set>

#include "capi/capi_util.h"

using namespace deeprc;
using namespace deeprc::capi;

namespace deeprc::capi {

DataType to_type(const drc_data_type& t) {
  if (t.id < DRC_TYPE_BOOL || t.id > DRC_TYPE_TIMESTAMP) throw_invalid("unknown type id " + std::to_string(t.id));
  DataType d(static_cast<TypeId>(t.id));
  if (d.id == TypeId::Timestamp) {
    if (t.unit < DRC_TIME_UNIT_SECOND || t.unit > DRC_TIME_UNIT_NANO)
      throw_invalid("unknown time unit " + std::to_string(t.unit));
    d.unit = static_cast<TimeUnit>(t.unit);
    if (t.timezone != nullptr) d.timezone = t.timezone;
  }
  return d;
}

drc_data_type from_type(const DataType& t) {
  drc_data_type d{};
  d.id = static_cast<int32_t>(t.id);
  d.unit = static_cast<int32_t>(t.unit);
  d.timezone = t.timezone.empty() ? nullptr : t.timezone.c_str();
  return d;
}

}  // namespace deeprc::capi

extern "C" {

DRC_API drc_status* drc_schema_create(const drc_field_info* fields, int32_t num_fields, drc_schema** out) {
  DRC_TRY({
    require_arg(out, "out");
    if (num_fields < 0) throw_invalid("num_fields must be >= 0");
    if (num_fields > 0) require_arg(fields, "fields");
    std::vector<Field> fs;
    for (int32_t i = 0; i < num_fields; ++i) {
      if (fields[i].name == nullptr) throw_invalid("field " + std::to_string(i) + " has a NULL name");
      fs.push_back(Field{fields[i].name, to_type(fields[i].type), fields[i].nullable != 0});
    }
    *out = make_handle<drc_schema>(Schema(std::move(fs)));
  });
}

DRC_API void drc_schema_free(drc_schema* schema) { std::unique_ptr<drc_schema> owned(schema); }

DRC_API int32_t drc_schema_num_fields(const drc_schema* schema) { return schema ? schema->schema.num_fields() : 0; }

DRC_API drc_status* drc_schema_field(const drc_schema* schema, int32_t index, drc_field_info* out) {
  DRC_TRY({
    require_arg(schema, "schema");
    require_arg(out, "out");
    if (index < 0 || index >= schema->schema.num_fields())
      throw_invalid("field index " + std::to_string(index) + " out of range (schema has " +
                    std::to_string(schema->schema.num_fields()) + " fields)");
    const Field& f = schema->schema.field(index);
    out->name = f.name.c_str();
    out->type = from_type(f.type);
    out->nullable = f.nullable ? 1 : 0;
  });
}

DRC_API int32_t drc_schema_index_of(const drc_schema* schema, const char* name) {
  if (schema == nullptr || name == nullptr) return -1;
  return schema->schema.index_of(name);
}

DRC_API drc_status* drc_schema_to_string(const drc_schema* schema, char** out) {
  DRC_TRY({
    require_arg(schema, "schema");
    require_arg(out, "out");
    *out = dup_string(schema->schema.to_string());
  });
}

DRC_API drc_status* drc_type_parse(const char* text, drc_data_type* out) {
  DRC_TRY({
    require_arg(text, "text");
    require_arg(out, "out");
    auto t = parse_type(text);
    if (!t) throw_invalid(std::string("unknown type '") + text + "'");
    // Interned so the returned pointer stays valid for the life of the process.
    static std::mutex mu;
    static std::set<std::string> interned;
    drc_data_type r = from_type(*t);
    if (!t->timezone.empty()) {
      std::lock_guard<std::mutex> lock(mu);
      r.timezone = interned.insert(t->timezone).first->c_str();
    }
    *out = r;
  });
}

}  // extern "C"
