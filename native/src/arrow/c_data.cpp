// Arrow C Data Interface: owners of C structs, format strings and zero-copy export.
#include "arrow/c_data.h"

#include <memory>
#include <vector>

#include "core/error.h"

namespace deeprc::cdata {

// ---------------------------------------------------------------------------------------------
// Owners. Moving a C struct is a bitwise copy plus marking the source released (the spec's
// definition), so a struct never has two owners.
// ---------------------------------------------------------------------------------------------

OwnedSchema::OwnedSchema(ArrowSchema* src) noexcept : s_{} {
  if (src == nullptr) return;
  s_ = *src;
  src->release = nullptr;
}
OwnedSchema::OwnedSchema(OwnedSchema&& o) noexcept : OwnedSchema(&o.s_) {}
OwnedSchema& OwnedSchema::operator=(OwnedSchema&& o) noexcept {
  if (this != &o) {
    reset();
    s_ = o.s_;
    o.s_.release = nullptr;
  }
  return *this;
}
void OwnedSchema::reset() noexcept {
  if (s_.release != nullptr) s_.release(&s_);
  s_.release = nullptr;  // a producer that forgets to do it must not be called twice
}

OwnedArray::OwnedArray(ArrowArray* src) noexcept : a_{} {
  if (src == nullptr) return;
  a_ = *src;
  src->release = nullptr;
}
OwnedArray::OwnedArray(OwnedArray&& o) noexcept : OwnedArray(&o.a_) {}
OwnedArray& OwnedArray::operator=(OwnedArray&& o) noexcept {
  if (this != &o) {
    reset();
    a_ = o.a_;
    o.a_.release = nullptr;
  }
  return *this;
}
void OwnedArray::reset() noexcept {
  if (a_.release != nullptr) a_.release(&a_);
  a_.release = nullptr;
}

// ---------------------------------------------------------------------------------------------
// Format strings
// ---------------------------------------------------------------------------------------------

std::string format_of(const DataType& t) {
  switch (t.id) {
    case TypeId::Bool: return "b";
    case TypeId::Int8: return "c";
    case TypeId::UInt8: return "C";
    case TypeId::Int16: return "s";
    case TypeId::UInt16: return "S";
    case TypeId::Int32: return "i";
    case TypeId::UInt32: return "I";
    case TypeId::Int64: return "l";
    case TypeId::UInt64: return "L";
    case TypeId::Float32: return "f";
    case TypeId::Float64: return "g";
    case TypeId::Utf8: return "u";
    case TypeId::LargeUtf8: return "U";
    case TypeId::Date32: return "tdD";
    case TypeId::Timestamp: {
      static constexpr char kUnit[] = {'s', 'm', 'u', 'n'};
      return std::string("ts") + kUnit[static_cast<int>(t.unit)] + ":" + t.timezone;
    }
  }
  throw_internal("format_of: unknown type id " + std::to_string(static_cast<int>(t.id)));
}

DataType parse_format(const char* format, const std::string& field_name) {
  const std::string f = format ? format : "";
  if (f.size() == 1) {
    switch (f[0]) {
      case 'b': return TypeId::Bool;
      case 'c': return TypeId::Int8;
      case 'C': return TypeId::UInt8;
      case 's': return TypeId::Int16;
      case 'S': return TypeId::UInt16;
      case 'i': return TypeId::Int32;
      case 'I': return TypeId::UInt32;
      case 'l': return TypeId::Int64;
      case 'L': return TypeId::UInt64;
      case 'f': return TypeId::Float32;
      case 'g': return TypeId::Float64;
      case 'u': return TypeId::Utf8;
      case 'U': return TypeId::LargeUtf8;
      default: break;
    }
  }
  if (f == "tdD") return TypeId::Date32;
  // "ts" + unit + ':' + timezone (possibly empty); the colon is mandatory.
  if (f.size() >= 4 && f.compare(0, 2, "ts") == 0 && f[3] == ':') {
    const std::string tz = f.substr(4);
    switch (f[2]) {
      case 's': return DataType::timestamp(TimeUnit::Second, tz);
      case 'm': return DataType::timestamp(TimeUnit::Milli, tz);
      case 'u': return DataType::timestamp(TimeUnit::Micro, tz);
      case 'n': return DataType::timestamp(TimeUnit::Nano, tz);
      default: break;
    }
  }
  throw_unsupported("unsupported Arrow type format '" + f + "' in field '" + field_name + "'");
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------
namespace {

// private_data of an exported ArrowSchema: owns the strings and the child structs.
struct SchemaPrivate {
  std::string format;
  std::string name;
  std::vector<ArrowSchema> children;  // sized once, so the pointers below stay valid
  std::vector<ArrowSchema*> child_ptrs;
};

void release_schema(ArrowSchema* s) noexcept {
  if (s == nullptr || s->release == nullptr) return;
  // A consumer may have moved a child out (its release is then NULL): skip it.
  for (int64_t i = 0; i < s->n_children; ++i)
    if (s->children[i]->release != nullptr) s->children[i]->release(s->children[i]);
  std::unique_ptr<SchemaPrivate> owned(static_cast<SchemaPrivate*>(s->private_data));
  s->private_data = nullptr;
  s->release = nullptr;
}

// Builds a schema struct; children are filled by the caller through the returned private data.
std::unique_ptr<SchemaPrivate> make_schema_private(std::string format, std::string name, size_t n_children) {
  auto p = std::make_unique<SchemaPrivate>();
  p->format = std::move(format);
  p->name = std::move(name);
  p->children.resize(n_children, ArrowSchema{});
  for (auto& c : p->children) p->child_ptrs.push_back(&c);
  return p;
}

// Hands the private data over to `out`; noexcept so the struct is either complete or untouched.
void publish_schema(std::unique_ptr<SchemaPrivate> p, int64_t flags, ArrowSchema* out) noexcept {
  ArrowSchema s{};
  s.format = p->format.c_str();
  s.name = p->name.c_str();
  s.metadata = nullptr;
  s.flags = flags;
  s.n_children = static_cast<int64_t>(p->children.size());
  s.children = p->children.empty() ? nullptr : p->child_ptrs.data();
  s.dictionary = nullptr;
  s.release = &release_schema;
  s.private_data = p.release();
  *out = s;
}

// private_data of an exported ArrowArray: keeps our buffers alive (shared ownership, no copy)
// and owns the child structs.
struct ArrayPrivate {
  std::shared_ptr<const ArrayData> data;  // null for the struct wrapping a table
  const void* buffers[3] = {nullptr, nullptr, nullptr};
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_ptrs;
};

void release_array(ArrowArray* a) noexcept {
  if (a == nullptr || a->release == nullptr) return;
  for (int64_t i = 0; i < a->n_children; ++i)
    if (a->children[i]->release != nullptr) a->children[i]->release(a->children[i]);
  std::unique_ptr<ArrayPrivate> owned(static_cast<ArrayPrivate*>(a->private_data));
  a->private_data = nullptr;
  a->release = nullptr;
}

// Readable zeros standing in for buffers we do not hold (an empty array built without one).
// The spec wants a valid pointer for the offsets buffer even at length 0; an int64 zero is a
// valid offsets entry for both utf8 and large_utf8.
alignas(64) const int64_t kZeroWords[8] = {};
const void* const kZeros = kZeroWords;

void publish_array(std::unique_ptr<ArrayPrivate> p, int64_t length, int64_t null_count, int64_t offset,
                   int64_t n_buffers, ArrowArray* out) noexcept {
  ArrowArray a{};
  a.length = length;
  a.null_count = null_count;
  a.offset = offset;
  a.n_buffers = n_buffers;
  a.n_children = static_cast<int64_t>(p->children.size());
  a.buffers = p->buffers;
  a.children = p->children.empty() ? nullptr : p->child_ptrs.data();
  a.dictionary = nullptr;
  a.release = &release_array;
  a.private_data = p.release();
  *out = a;
}

}  // namespace

void export_field(const Field& field, ArrowSchema* out) {
  DRC_CHECK(out != nullptr, "export_field: out is NULL");
  auto p = make_schema_private(format_of(field.type), field.name, 0);
  publish_schema(std::move(p), field.nullable ? ARROW_FLAG_NULLABLE : 0, out);
}

void export_schema(const Schema& schema, ArrowSchema* out) {
  DRC_CHECK(out != nullptr, "export_schema: out is NULL");
  auto p = make_schema_private("+s", "", schema.fields().size());
  // Each exported child is released by the parent's release; if a later child fails to export,
  // `p` is destroyed here, so release the children made so far first.
  size_t done = 0;
  try {
    for (; done < schema.fields().size(); ++done) export_field(schema.fields()[done], &p->children[done]);
  } catch (...) {
    for (size_t i = 0; i < done; ++i) release_schema(&p->children[i]);
    throw;
  }
  publish_schema(std::move(p), 0, out);
}

void export_array(const Array& array, ArrowArray* out) {
  DRC_CHECK(out != nullptr, "export_array: out is NULL");
  DRC_CHECK(array.valid_handle(), "export_array: empty array handle");
  auto p = std::make_unique<ArrayPrivate>();
  p->data = array.data_ptr();
  const ArrayData& d = *p->data;
  p->buffers[0] = d.validity ? d.validity->data() : nullptr;  // allowed: null_count == 0
  p->buffers[1] = d.values ? static_cast<const void*>(d.values->data()) : kZeros;
  int64_t n_buffers = 2;
  if (is_string(d.type.id)) {
    p->buffers[2] = d.data ? static_cast<const void*>(d.data->data()) : kZeros;
    n_buffers = 3;
  }
  // Our element offset is passed through instead of copying the slice.
  publish_array(std::move(p), d.length, d.null_count, d.offset, n_buffers, out);
}

void export_table(const Table& table, ArrowArray* out) {
  DRC_CHECK(out != nullptr, "export_table: out is NULL");
  auto p = std::make_unique<ArrayPrivate>();
  const size_t n = static_cast<size_t>(table.num_columns());
  p->children.resize(n, ArrowArray{});
  for (auto& c : p->children) p->child_ptrs.push_back(&c);
  size_t done = 0;
  try {
    for (; done < n; ++done) export_array(table.column(static_cast<int>(done)), &p->children[done]);
  } catch (...) {
    for (size_t i = 0; i < done; ++i) release_array(&p->children[i]);
    throw;
  }
  // A record batch has no validity buffer: buffers[0] stays NULL, null_count 0.
  publish_array(std::move(p), table.num_rows(), 0, 0, 1, out);
}

}  // namespace deeprc::cdata
