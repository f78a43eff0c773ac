// Arrow C Data Interface: zero-copy export and import of schemas, arrays and tables.
//
// Ownership rules (https://arrow.apache.org/docs/format/CDataInterface.html):
//  - Export fills caller-provided structs; the consumer calls `release` on the base struct once,
//    which releases the children too. The exported struct holds shared_ptrs to our ArrayData, so
//    our buffers stay alive for as long as the consumer needs them, even after every DeepRC
//    handle is gone.
//  - Import MOVES the structs: the source is bitwise copied and marked released (release = NULL)
//    before anything can fail, so the caller never releases it again, whatever the outcome.
//    Imported buffers are wrapped without a copy; the producer's release runs exactly once, when
//    the last wrapped buffer dies.
#pragma once
#include <string>

#include "arrow/array.h"
#include "arrow/table.h"
#include "arrow/type.h"
#include "deeprc/deeprc.h"

namespace deeprc::cdata {

// Move-only owners of a C struct: they take over a struct (marking the source released) and
// call its release on destruction. They make "release on every error path" automatic.
class OwnedSchema {
 public:
  OwnedSchema() noexcept : s_{} {}
  // Moves *src into this owner; src->release becomes NULL. Accepts NULL (stays empty).
  explicit OwnedSchema(ArrowSchema* src) noexcept;
  OwnedSchema(OwnedSchema&& o) noexcept;
  OwnedSchema& operator=(OwnedSchema&& o) noexcept;
  OwnedSchema(const OwnedSchema&) = delete;
  OwnedSchema& operator=(const OwnedSchema&) = delete;
  ~OwnedSchema() { reset(); }
  void reset() noexcept;
  bool released() const noexcept { return s_.release == nullptr; }
  ArrowSchema* get() noexcept { return &s_; }
  const ArrowSchema* get() const noexcept { return &s_; }

 private:
  ArrowSchema s_;
};

class OwnedArray {
 public:
  OwnedArray() noexcept : a_{} {}
  explicit OwnedArray(ArrowArray* src) noexcept;
  OwnedArray(OwnedArray&& o) noexcept;
  OwnedArray& operator=(OwnedArray&& o) noexcept;
  OwnedArray(const OwnedArray&) = delete;
  OwnedArray& operator=(const OwnedArray&) = delete;
  ~OwnedArray() { reset(); }
  void reset() noexcept;
  bool released() const noexcept { return a_.release == nullptr; }
  ArrowArray* get() noexcept { return &a_; }
  const ArrowArray* get() const noexcept { return &a_; }

 private:
  ArrowArray a_;
};

// Format strings ("l", "u", "tsu:UTC", ...). parse_format throws Unsupported naming the field.
std::string format_of(const DataType& type);
DataType parse_format(const char* format, const std::string& field_name);

// ---- export (fills *out only on success; throws Error otherwise) ----
void export_field(const Field& field, ArrowSchema* out);
// A schema is exported as a struct ("+s") whose children are the fields.
void export_schema(const Schema& schema, ArrowSchema* out);
void export_array(const Array& array, ArrowArray* out);
// A table is exported as a struct array: length = rows, no validity, one child per column.
void export_table(const Table& table, ArrowArray* out);

// ---- import (moves the structs in, see above) ----
Field import_field(OwnedSchema schema);
// The schema must be a struct ("+s"); its children are the fields.
Schema import_schema(OwnedSchema schema);
// A non-nested array described by `field_schema` (a leaf format).
Array import_array(OwnedSchema field_schema, OwnedArray array);
// A struct array ("+s") whose children are columns matching `schema` (already imported).
Table import_record_batch(const Schema& schema, OwnedArray array);
Table import_table(OwnedSchema schema, OwnedArray array);

}  // namespace deeprc::cdata
