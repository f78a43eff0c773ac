// C ABI of the CSV reader and writer (io/csv_reader.h, io/csv_writer.h).
#include "capi/capi_util.h"
#include "capi/csv_options_convert.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"

using namespace deeprc;
using namespace deeprc::capi;

extern "C" {

DRC_API void drc_csv_read_options_init(drc_csv_read_options* options) {
  if (options == nullptr) return;
  *options = drc_csv_read_options{};
  options->delimiter = ',';
  options->quote = '"';
  options->has_header = 1;
}

DRC_API void drc_csv_write_options_init(drc_csv_write_options* options) {
  if (options == nullptr) return;
  *options = drc_csv_write_options{};
  options->delimiter = ',';
  options->include_header = 1;
}

DRC_API drc_status* drc_csv_read(const char* path, const drc_csv_read_options* options, drc_table** out) {
  DRC_TRY({
    require_arg(path, "path");
    require_arg(out, "out");
    *out = make_handle<drc_table>(io::read_csv(path, to_read_options(options)));
  });
}

DRC_API drc_status* drc_csv_write(const drc_table* table, const char* path, const drc_csv_write_options* options) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(path, "path");
    io::write_csv(table->table, path, to_write_options(options));
  });
}

}  // extern "C"
