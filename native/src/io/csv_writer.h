// CSV writer: a Table to a file, written atomically (temporary file + rename), so a failure
// leaves no file behind.
//
// Format (chosen so that read_csv(write_csv(t)) == t with default read options):
//  - header of column names (optional); fields separated by the delimiter, records end with LF;
//  - quoting with '"' (doubled inside) for fields containing the delimiter, a quote, CR or LF,
//    and for strings that would otherwise read back as null: the empty string ("") and text equal
//    to a default null token or to the configured null_value;
//  - nulls as null_value (default empty), unquoted;
//  - integers in decimal; floats in the shortest form that reads back to the same value
//    (std::to_chars), "nan", "inf", "-inf"; bools as true/false; date32 as YYYY-MM-DD;
//    timestamps as ISO 8601 with the unit's fraction digits, suffixed 'Z' when the type has a
//    time zone (values are UTC instants).
//  Dates outside years 0000..9999 are written but do not read back (the reader expects four-digit
//  years).
#pragma once
#include <string>

#include "arrow/table.h"
#include "io/csv_options.h"

namespace deeprc::io {

void write_csv(const Table& table, const std::string& path, const CsvWriteOptions& options = {});
// The same text as write_csv, in memory.
std::string write_csv_string(const Table& table, const CsvWriteOptions& options = {});

}  // namespace deeprc::io
