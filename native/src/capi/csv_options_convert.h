// C ABI CSV options -> io::CsvReadOptions / io::CsvWriteOptions (shared by csv_api.cpp and
// dist_api.cpp).
#pragma once
#include <string>

#include "capi/capi_util.h"
#include "io/csv_options.h"

namespace deeprc::capi {

inline io::CsvReadOptions to_read_options(const drc_csv_read_options* o) {
  io::CsvReadOptions r;
  if (o == nullptr) return r;
  r.delimiter = static_cast<char>(o->delimiter);
  r.quote = static_cast<char>(o->quote);
  r.has_header = o->has_header != 0;
  if (o->num_threads < 0) throw_invalid("num_threads must be >= 0");
  r.num_threads = o->num_threads;
  r.block_size = o->block_size;
  if (o->null_values != nullptr) {
    if (o->num_null_values < 0) throw_invalid("num_null_values must be >= 0");
    r.null_values.clear();
    for (int32_t i = 0; i < o->num_null_values; ++i) {
      if (o->null_values[i] == nullptr) throw_invalid("null_values[" + std::to_string(i) + "] is NULL");
      r.null_values.emplace_back(o->null_values[i]);
    }
  }
  r.infer_rows = o->infer_rows;
  if (o->schema != nullptr) r.schema = o->schema->schema;
  return r;
}

inline io::CsvWriteOptions to_write_options(const drc_csv_write_options* o) {
  io::CsvWriteOptions w;
  if (o == nullptr) return w;
  w.delimiter = static_cast<char>(o->delimiter);
  w.include_header = o->include_header != 0;
  if (o->null_value != nullptr) w.null_value = o->null_value;
  return w;
}

}  // namespace deeprc::capi
