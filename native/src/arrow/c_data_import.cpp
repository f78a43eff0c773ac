// Arrow C Data Interface: zero-copy import with validation.
//
// Every imported buffer is a Buffer::wrap over the producer's memory whose owner is one shared
// OwnedArray holding the moved base struct. Children are owned by their base struct (consumers
// release only the base), so child buffers share the same owner. The producer's release thus
// runs exactly once, when the last buffer from that base dies.
#include <cstdint>
#include <memory>
#include <vector>

#include "arrow/c_data.h"
#include "core/error.h"

namespace deeprc::cdata {
namespace {

using Keeper = std::shared_ptr<OwnedArray>;

// Keeps byte-size arithmetic ((offset+length+1) * 8) far away from int64 overflow.
constexpr int64_t kMaxElements = int64_t{1} << 56;

[[noreturn]] void bad(const std::string& field, const std::string& what) {
  throw_invalid("invalid ArrowArray for field '" + field + "': " + what);
}

std::string name_of(const ArrowSchema& s) { return s.name ? s.name : ""; }

// Structural checks common to every layout. `format` only appears in messages.
void check_header(const ArrowArray& a, const std::string& field, const std::string& format, int64_t n_buffers,
                  int64_t n_children) {
  if (a.length < 0) bad(field, "negative length " + std::to_string(a.length));
  if (a.offset < 0) bad(field, "negative offset " + std::to_string(a.offset));
  if (a.length > kMaxElements || a.offset > kMaxElements - a.length)
    bad(field, "offset + length too large (" + std::to_string(a.offset) + " + " + std::to_string(a.length) + ")");
  if (a.null_count < -1 || a.null_count > a.length)
    bad(field, "null_count " + std::to_string(a.null_count) + " out of range for length " + std::to_string(a.length));
  if (a.n_buffers != n_buffers)
    bad(field, "has " + std::to_string(a.n_buffers) + " buffers but format '" + format + "' needs " +
                   std::to_string(n_buffers));
  if (n_buffers > 0 && a.buffers == nullptr) bad(field, "buffers pointer is NULL");
  if (a.n_children != n_children)
    bad(field, "has " + std::to_string(a.n_children) + " children but format '" + format + "' needs " +
                   std::to_string(n_children));
  if (n_children > 0 && a.children == nullptr) bad(field, "children pointer is NULL");
  if (a.dictionary != nullptr) bad(field, "has a dictionary but its type is not dictionary-encoded");
}

// Wraps foreign bytes without a copy. The spec only says buffers SHOULD be aligned; reading a
// misaligned int64 through a pointer is undefined behaviour, so such a buffer is copied instead.
BufferPtr wrap(const void* p, int64_t size, size_t align, const Keeper& keeper) {
  if (reinterpret_cast<uintptr_t>(p) % align != 0) return Buffer::copy_of(p, size);
  return Buffer::wrap(static_cast<const uint8_t*>(p), size, keeper);
}

template <typename O>
int64_t offset_at(const Buffer& offsets, int64_t i) {
  return static_cast<int64_t>(offsets.as<O>()[i]);
}

// Imports one non-nested array (the base struct or a child of a struct) of a known type.
Array import_leaf(const DataType& type, const std::string& field, const ArrowArray& a, const Keeper& keeper) {
  const std::string format = format_of(type);
  const bool str = is_string(type.id);
  check_header(a, field, format, str ? 3 : 2, 0);
  ArrayData d;
  d.type = type;
  if (a.length == 0) return Array::make(std::move(d));  // no buffer is read; NULLs are fine
  d.length = a.length;
  d.offset = a.offset;
  const int64_t n = a.offset + a.length;

  // Validity may be NULL only when there are no nulls; with null_count == 0 the spec lets us
  // ignore a bitmap that is present.
  if (a.buffers[0] == nullptr) {
    if (a.null_count > 0)
      bad(field, "null_count " + std::to_string(a.null_count) + " but the validity buffer is NULL");
    d.null_count = 0;
  } else if (a.null_count != 0) {
    d.validity = wrap(a.buffers[0], bits::bytes_for(n), 1, keeper);
    d.null_count = a.null_count;  // -1: Array::make counts the bitmap
  }

  if (a.buffers[1] == nullptr) bad(field, std::string(str ? "offsets" : "values") + " buffer is NULL");
  if (type.id == TypeId::Bool) {
    d.values = wrap(a.buffers[1], bits::bytes_for(n), 1, keeper);
  } else if (str) {
    const bool large = type.id == TypeId::LargeUtf8;
    const size_t ow = large ? 8 : 4;
    d.values = wrap(a.buffers[1], (n + 1) * static_cast<int64_t>(ow), ow, keeper);
    const int64_t last = large ? offset_at<int64_t>(*d.values, n) : offset_at<int32_t>(*d.values, n);
    if (last < 0) bad(field, "negative last offset " + std::to_string(last));
    if (a.buffers[2] != nullptr) d.data = wrap(a.buffers[2], last, 1, keeper);
    else if (last > 0) bad(field, "data buffer is NULL but the offsets reference " + std::to_string(last) + " bytes");
  } else {
    const int w = byte_width(type.id);
    d.values = wrap(a.buffers[1], n * w, static_cast<size_t>(w), keeper);
  }
  // Checks null_count against the bitmap and string offsets (monotonic, within the data).
  return Array::make(std::move(d));
}

Field field_from(const ArrowSchema& s) {
  const std::string name = name_of(s);
  if (s.format == nullptr) throw_invalid("ArrowSchema for field '" + name + "' has a NULL format");
  if (s.dictionary != nullptr)
    throw_unsupported("dictionary-encoded field '" + name + "' is not supported");
  Field f;
  f.name = name;
  f.type = parse_format(s.format, name);  // Unsupported for nested and unknown formats
  if (s.n_children != 0)
    throw_invalid("ArrowSchema for field '" + name + "' of format '" + s.format + "' has " +
                  std::to_string(s.n_children) + " children");
  f.nullable = (s.flags & ARROW_FLAG_NULLABLE) != 0;
  return f;
}

void require_live(const OwnedSchema& s) {
  if (s.released()) throw_invalid("ArrowSchema is NULL or already released");
}
void require_live(const OwnedArray& a) {
  if (a.released()) throw_invalid("ArrowArray is NULL or already released");
}

}  // namespace

Field import_field(OwnedSchema schema) {
  require_live(schema);
  return field_from(*schema.get());
}  // `schema` is released here: we copied what we need

Schema import_schema(OwnedSchema schema) {
  require_live(schema);
  const ArrowSchema& s = *schema.get();
  const std::string fmt = s.format ? s.format : "";
  if (s.dictionary != nullptr) throw_unsupported("a dictionary-encoded schema cannot be imported as a table");
  if (fmt != "+s")
    throw_invalid("a table schema must be a struct (format '+s'), got format '" + fmt + "' in field '" +
                  name_of(s) + "'");
  if (s.n_children < 0 || (s.n_children > 0 && s.children == nullptr))
    throw_invalid("struct ArrowSchema has invalid children (n_children " + std::to_string(s.n_children) + ")");
  std::vector<Field> fields;
  fields.reserve(static_cast<size_t>(s.n_children));
  for (int64_t i = 0; i < s.n_children; ++i) {
    if (s.children[i] == nullptr) throw_invalid("struct ArrowSchema child " + std::to_string(i) + " is NULL");
    fields.push_back(field_from(*s.children[i]));
  }
  return Schema(std::move(fields));  // Invalid on duplicate or empty names
}

Array import_array(OwnedSchema field_schema, OwnedArray array) {
  require_live(field_schema);
  require_live(array);
  const Field field = field_from(*field_schema.get());
  auto keeper = std::make_shared<OwnedArray>(std::move(array));
  return import_leaf(field.type, field.name, *keeper->get(), keeper);
}

Table import_record_batch(const Schema& schema, OwnedArray array) {
  require_live(array);
  auto keeper = std::make_shared<OwnedArray>(std::move(array));
  const ArrowArray& a = *keeper->get();
  const std::string what = "<record batch>";
  check_header(a, what, "+s", 1, schema.num_fields());
  // A record batch cannot have null rows: a struct-level null has no meaning for a table.
  if (a.null_count > 0 || (a.null_count != 0 && a.buffers[0] != nullptr && a.length > 0 &&
                           bits::count_set(static_cast<const uint8_t*>(a.buffers[0]), a.offset, a.length) != a.length))
    throw_invalid("struct array has null rows at the top level; a record batch cannot contain null rows");

  std::vector<Array> columns;
  columns.reserve(static_cast<size_t>(schema.num_fields()));
  for (int i = 0; i < schema.num_fields(); ++i) {
    const Field& f = schema.field(i);
    const ArrowArray* child = a.children[i];
    if (child == nullptr) bad(what, "child " + std::to_string(i) + " ('" + f.name + "') is NULL");
    Array col = import_leaf(f.type, f.name, *child, keeper);
    // The struct's offset and length select rows of every child (which may have its own offset).
    if (col.length() < a.offset + a.length)
      bad(f.name, "child has " + std::to_string(col.length()) + " rows but the struct needs " +
                      std::to_string(a.offset + a.length) + " (offset " + std::to_string(a.offset) + " + length " +
                      std::to_string(a.length) + ")");
    if (a.offset != 0 || col.length() != a.length) col = col.slice(a.offset, a.length);
    columns.push_back(std::move(col));
  }
  return Table(schema, std::move(columns), a.length);
}

Table import_table(OwnedSchema schema, OwnedArray array) {
  // If the schema is bad, `array` is still released by its owner's destructor.
  const Schema s = import_schema(std::move(schema));
  return import_record_batch(s, std::move(array));
}

}  // namespace deeprc::cdata
