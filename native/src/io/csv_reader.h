// CSV reader: a file (or bytes in memory) into a Table, parsed in parallel blocks.
//
// Behaviour
//  - Header line (or none: columns are named f0, f1, ...). Empty header names become f<i>;
//    duplicate names are an error. A UTF-8 byte order mark is skipped.
//  - Records end at LF or CRLF; the last line may lack a newline. Quoting as in RFC 4180 (see
//    csv_tokenizer.h for the exact grammar). Blank lines are skipped when there is more than one
//    column; in a one-column file a blank line is a null value.
//  - Nulls: a field equal to a null token (default "", "NA", "N/A", "null", "NULL"; "NaN" is a
//    float, not a null) is null in every column type. So an EMPTY unquoted field is null in string
//    columns too. A QUOTED field in a string column is always a value: `""` is the empty string and
//    `"NA"` the text NA. This is what lets read(write(t)) reproduce t exactly.
//  - Types: an explicit schema (names must equal the header, in order), or inference over the
//    first `infer_rows` rows (csv_infer.h). An inferred column that meets a value of a wider type
//    later in the file (say a float in an int64 column) is re-inferred over the whole file and
//    re-parsed, so inference never truncates or drops values.
//    Inferred timestamps are microseconds (nanoseconds when a value has more than 6 fractional
//    digits), naive, or tz "UTC" when every value carries "Z" or an offset (converted to UTC).
//  - Leading/trailing spaces and tabs around non-string values are ignored; strings are kept as is.
//  - Numbers outside the column type's range (300 in int8, 1e39 in float32) are errors, never
//    wrapped or clamped.
//  - Errors: deeprc::Error with code Parse naming the file, the 1-based line and the column for
//    malformed data (ragged rows, bad quoting, values that do not parse as the column's type or are
//    out of its range, invalid UTF-8 in text, empty file, duplicate names, header not matching the
//    schema); IO for a file that cannot be read; Invalid for bad options. The error reported is
//    always the earliest one in the file, whatever the number of threads.
#pragma once
#include <cstdint>
#include <string>

#include "arrow/table.h"
#include "io/csv_options.h"

namespace deeprc::io {

Table read_csv(const std::string& path, const CsvReadOptions& options = {});
// Parses CSV bytes held in memory; `source_name` stands for the file name in error messages.
Table read_csv_bytes(const char* data, int64_t size, const std::string& source_name,
                     const CsvReadOptions& options = {});

}  // namespace deeprc::io
