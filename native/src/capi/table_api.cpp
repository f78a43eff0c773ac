#include "arrow/selection.h"
#include "capi/capi_util.h"

using namespace deeprc;
using namespace deeprc::capi;

extern "C" {

DRC_API void drc_table_free(drc_table* table) { std::unique_ptr<drc_table> owned(table); }
DRC_API int64_t drc_table_num_rows(const drc_table* table) { return table ? table->table.num_rows() : 0; }
DRC_API int32_t drc_table_num_columns(const drc_table* table) { return table ? table->table.num_columns() : 0; }

DRC_API drc_status* drc_table_schema(const drc_table* table, drc_schema** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_schema>(table->table.schema());
  });
}

DRC_API drc_status* drc_table_column(const drc_table* table, int32_t index, drc_array** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    if (index < 0 || index >= table->table.num_columns())
      throw_invalid("column index " + std::to_string(index) + " out of range (table has " +
                    std::to_string(table->table.num_columns()) + " columns)");
    *out = make_handle<drc_array>(table->table.column(index));
  });
}

DRC_API drc_status* drc_table_column_by_name(const drc_table* table, const char* name, drc_array** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(name, "name");
    require_arg(out, "out");
    *out = make_handle<drc_array>(table->table.column(std::string(name)));
  });
}

DRC_API drc_status* drc_table_create(const drc_schema* schema, const drc_array* const* columns, int32_t num_columns,
                                     drc_table** out) {
  DRC_TRY({
    require_arg(schema, "schema");
    require_arg(out, "out");
    if (num_columns < 0) throw_invalid("num_columns must be >= 0");
    if (num_columns > 0) require_arg(columns, "columns");
    std::vector<Array> cols;
    for (int32_t i = 0; i < num_columns; ++i) {
      if (columns[i] == nullptr) throw_invalid("column " + std::to_string(i) + " is NULL");
      cols.push_back(columns[i]->array);
    }
    *out = make_handle<drc_table>(Table(schema->schema, std::move(cols)));
  });
}

DRC_API drc_status* drc_table_slice(const drc_table* table, int64_t offset, int64_t length, drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(table->table.slice(offset, length));
  });
}

DRC_API drc_status* drc_table_select(const drc_table* table, const int32_t* indices, int32_t num_indices,
                                     drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    if (num_indices > 0) require_arg(indices, "indices");
    std::vector<int> idx(indices, indices + std::max(num_indices, 0));
    *out = make_handle<drc_table>(table->table.select(idx));
  });
}

DRC_API drc_status* drc_table_take(const drc_table* table, const int64_t* indices, int64_t num_indices,
                                   drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    if (num_indices < 0) throw_invalid("num_indices must be >= 0");
    if (num_indices > 0) require_arg(indices, "indices");
    for (int64_t i = 0; i < num_indices; ++i)
      if (indices[i] < 0)
        throw_invalid("take: index " + std::to_string(indices[i]) + " at position " + std::to_string(i) +
                      " is negative");
    *out = make_handle<drc_table>(take(table->table, indices, num_indices));
  });
}

DRC_API drc_status* drc_table_filter(const drc_table* table, const drc_array* mask, drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(mask, "mask");
    require_arg(out, "out");
    *out = make_handle<drc_table>(filter(table->table, mask->array));
  });
}

DRC_API drc_status* drc_table_concat(const drc_table* const* tables, int32_t num_tables, drc_table** out) {
  DRC_TRY({
    require_arg(out, "out");
    if (num_tables <= 0) throw_invalid("concat needs at least one table");
    require_arg(tables, "tables");
    std::vector<Table> ts;
    for (int32_t i = 0; i < num_tables; ++i) {
      if (tables[i] == nullptr) throw_invalid("table " + std::to_string(i) + " is NULL");
      ts.push_back(tables[i]->table);
    }
    *out = make_handle<drc_table>(concat(ts));
  });
}

DRC_API drc_status* drc_table_equals(const drc_table* a, const drc_table* b, int32_t* out) {
  DRC_TRY({
    require_arg(a, "a");
    require_arg(b, "b");
    require_arg(out, "out");
    *out = a->table.equals(b->table) ? 1 : 0;
  });
}

DRC_API drc_status* drc_table_to_string(const drc_table* table, int64_t max_rows, char** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    *out = dup_string(table->table.to_string(max_rows));
  });
}

}  // extern "C"
