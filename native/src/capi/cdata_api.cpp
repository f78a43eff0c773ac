// extern "C" wrappers of the Arrow C Data / C Stream interface (arrow/c_data.h, arrow/c_stream.h).
//
// Import functions take ownership of their input structs FIRST, before any argument check, so
// that the documented contract ("the structs are moved on success and on failure alike") holds
// even when another argument is NULL.
#include "arrow/c_data.h"
#include "arrow/c_stream.h"
#include "capi/capi_util.h"

using namespace deeprc;
using namespace deeprc::capi;
using deeprc::cdata::OwnedArray;
using deeprc::cdata::OwnedSchema;

extern "C" {

DRC_API drc_status* drc_array_export(const drc_array* array, struct ArrowSchema* out_schema,
                                     struct ArrowArray* out_array) {
  DRC_TRY({
    require_arg(array, "array");
    require_arg(out_schema, "out_schema");
    require_arg(out_array, "out_array");
    // Export into locals first so that a failure leaves both outputs untouched.
    ArrowSchema s{};
    cdata::export_field(Field{"", array->array.type(), true}, &s);
    OwnedSchema schema_guard(&s);
    cdata::export_array(array->array, out_array);
    *out_schema = *schema_guard.get();
    schema_guard.get()->release = nullptr;  // moved to the caller
  });
}

DRC_API drc_status* drc_array_import(struct ArrowSchema* schema, struct ArrowArray* array, drc_array** out) {
  OwnedSchema s(schema);
  OwnedArray a(array);
  DRC_TRY({
    require_arg(schema, "schema");
    require_arg(array, "array");
    require_arg(out, "out");
    *out = make_handle<drc_array>(cdata::import_array(std::move(s), std::move(a)));
  });
}

DRC_API drc_status* drc_schema_export(const drc_schema* schema, struct ArrowSchema* out) {
  DRC_TRY({
    require_arg(schema, "schema");
    require_arg(out, "out");
    cdata::export_schema(schema->schema, out);
  });
}

DRC_API drc_status* drc_schema_import(struct ArrowSchema* schema, drc_schema** out) {
  OwnedSchema s(schema);
  DRC_TRY({
    require_arg(schema, "schema");
    require_arg(out, "out");
    *out = make_handle<drc_schema>(cdata::import_schema(std::move(s)));
  });
}

DRC_API drc_status* drc_table_export(const drc_table* table, struct ArrowSchema* out_schema,
                                     struct ArrowArray* out_array) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out_schema, "out_schema");
    require_arg(out_array, "out_array");
    ArrowSchema s{};
    cdata::export_schema(table->table.schema(), &s);
    OwnedSchema schema_guard(&s);
    cdata::export_table(table->table, out_array);
    *out_schema = *schema_guard.get();
    schema_guard.get()->release = nullptr;
  });
}

DRC_API drc_status* drc_table_import(struct ArrowSchema* schema, struct ArrowArray* array, drc_table** out) {
  OwnedSchema s(schema);
  OwnedArray a(array);
  DRC_TRY({
    require_arg(schema, "schema");
    require_arg(array, "array");
    require_arg(out, "out");
    *out = make_handle<drc_table>(cdata::import_table(std::move(s), std::move(a)));
  });
}

DRC_API drc_status* drc_table_export_stream(const drc_table* table, int64_t max_batch_rows,
                                            struct ArrowArrayStream* out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    cdata::export_stream(table->table, max_batch_rows, out);
  });
}

DRC_API drc_status* drc_table_import_stream(struct ArrowArrayStream* stream, drc_table** out) {
  cdata::OwnedStream owned(stream);
  DRC_TRY({
    require_arg(stream, "stream");
    require_arg(out, "out");
    // import_stream takes the stream over from `owned` (it moves it again into its own owner).
    *out = make_handle<drc_table>(cdata::import_stream(owned.get()));
  });
}

}  // extern "C"
