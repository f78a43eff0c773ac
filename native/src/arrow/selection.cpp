#include "arrow/selection.h"

#include <cstring>

#include "arrow/builder.h"
#include "core/error.h"

namespace deeprc {
namespace {

// Gathers validity for take; returns null when no output row is null.
BufferPtr take_validity(const Array& v, const int64_t* idx, int64_t n, int64_t* nulls) {
  bool any_null = v.null_count() > 0;
  for (int64_t i = 0; i < n && !any_null; ++i) any_null = idx[i] < 0;
  *nulls = 0;
  if (!any_null) return nullptr;
  auto bm = Buffer::allocate(bits::bytes_for(n), true);
  uint8_t* out = bm->mutable_data();
  for (int64_t i = 0; i < n; ++i) {
    const bool valid = idx[i] >= 0 && v.is_valid(idx[i]);
    if (valid) bits::set(out, i);
    else ++*nulls;
  }
  return bm;
}

void check_indices(const int64_t* idx, int64_t n, int64_t length) {
  for (int64_t i = 0; i < n; ++i)
    if (idx[i] >= length)
      throw_invalid("take: index " + std::to_string(idx[i]) + " at position " + std::to_string(i) +
                    " out of range for length " + std::to_string(length));
}

template <typename T>
BufferPtr take_fixed(const Array& v, const int64_t* idx, int64_t n) {
  auto out = Buffer::allocate(n * static_cast<int64_t>(sizeof(T)));
  T* o = out->mutable_as<T>();
  const T* src = v.values<T>();
  for (int64_t i = 0; i < n; ++i) o[i] = idx[i] >= 0 ? src[idx[i]] : T{};
  return out;
}

BufferPtr take_fixed_width(const Array& v, const int64_t* idx, int64_t n) {
  switch (byte_width(v.type_id())) {
    case 1: return take_fixed<uint8_t>(v, idx, n);
    case 2: return take_fixed<uint16_t>(v, idx, n);
    case 4: return take_fixed<uint32_t>(v, idx, n);
    case 8: return take_fixed<uint64_t>(v, idx, n);
  }
  throw_internal("take: unexpected width");
}

template <typename O>
void take_strings(const Array& v, const int64_t* idx, int64_t n, ArrayData* d) {
  int64_t total = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (idx[i] < 0) continue;
    int64_t b, e;
    v.string_bounds(idx[i], &b, &e);
    total += e - b;
  }
  if (sizeof(O) == 4 && total > INT32_MAX) throw_invalid("take: result exceeds 2 GiB of utf8 data; use large_utf8");
  auto offsets = Buffer::allocate((n + 1) * static_cast<int64_t>(sizeof(O)));
  auto bytes = Buffer::allocate(total);
  O* o = offsets->mutable_as<O>();
  uint8_t* dst = bytes->mutable_data();
  const uint8_t* src = v.data().data->data();
  int64_t pos = 0;
  o[0] = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (idx[i] >= 0) {
      int64_t b, e;
      v.string_bounds(idx[i], &b, &e);
      if (e > b) std::memcpy(dst + pos, src + b, static_cast<size_t>(e - b));
      pos += e - b;
    }
    o[i + 1] = static_cast<O>(pos);
  }
  d->values = offsets;
  d->data = bytes;
}

}  // namespace

Array take(const Array& v, const int64_t* idx, int64_t n) {
  check_indices(idx, n, v.length());
  ArrayData d;
  d.type = v.type();
  d.length = n;
  d.validity = take_validity(v, idx, n, &d.null_count);
  const TypeId id = v.type_id();
  if (id == TypeId::Bool) {
    auto bm = Buffer::allocate(bits::bytes_for(n), true);
    for (int64_t i = 0; i < n; ++i)
      if (idx[i] >= 0 && v.bool_value(idx[i])) bits::set(bm->mutable_data(), i);
    d.values = bm;
  } else if (id == TypeId::Utf8) {
    take_strings<int32_t>(v, idx, n, &d);
  } else if (id == TypeId::LargeUtf8) {
    take_strings<int64_t>(v, idx, n, &d);
  } else {
    d.values = take_fixed_width(v, idx, n);
  }
  return Array::make(std::move(d));
}

Table take(const Table& t, const int64_t* idx, int64_t n) {
  check_indices(idx, n, t.num_rows());
  std::vector<Array> cols;
  for (const auto& c : t.columns()) cols.push_back(take(c, idx, n));
  return Table(t.schema(), std::move(cols), n);
}

namespace {
std::vector<int64_t> mask_indices(const Array& mask, int64_t length) {
  if (mask.type_id() != TypeId::Bool) throw_invalid("filter: mask must be bool, got " + mask.type().to_string());
  if (mask.length() != length)
    throw_invalid("filter: mask has " + std::to_string(mask.length()) + " rows, table has " + std::to_string(length));
  std::vector<int64_t> idx;
  for (int64_t i = 0; i < length; ++i)
    if (mask.is_valid(i) && mask.bool_value(i)) idx.push_back(i);
  return idx;
}
}  // namespace

Array filter(const Array& v, const Array& mask) {
  auto idx = mask_indices(mask, v.length());
  return take(v, idx.data(), static_cast<int64_t>(idx.size()));
}

Table filter(const Table& t, const Array& mask) {
  auto idx = mask_indices(mask, t.num_rows());
  return take(t, idx.data(), static_cast<int64_t>(idx.size()));
}

namespace {
template <typename O>
Array concat_strings(const std::vector<Array>& arrays, const DataType& type, int64_t n) {
  int64_t total = 0;
  for (const auto& a : arrays) {
    if (a.length() == 0) continue;
    int64_t b, e0, e;
    a.string_bounds(0, &b, &e0);
    a.string_bounds(a.length() - 1, &e0, &e);
    total += e - b;
  }
  if (sizeof(O) == 4 && total > INT32_MAX) throw_invalid("concat: result exceeds 2 GiB of utf8 data; use large_utf8");
  auto offsets = Buffer::allocate((n + 1) * static_cast<int64_t>(sizeof(O)));
  auto bytes = Buffer::allocate(total);
  O* o = offsets->mutable_as<O>();
  o[0] = 0;
  int64_t row = 0, pos = 0;
  for (const auto& a : arrays) {
    if (a.length() == 0) continue;
    int64_t b, e, tmp;
    a.string_bounds(0, &b, &tmp);
    a.string_bounds(a.length() - 1, &tmp, &e);
    if (e > b) std::memcpy(bytes->mutable_data() + pos, a.data().data->data() + b, static_cast<size_t>(e - b));
    for (int64_t i = 0; i < a.length(); ++i) {
      int64_t sb, se;
      a.string_bounds(i, &sb, &se);
      o[row + i + 1] = static_cast<O>(pos + se - b);
    }
    row += a.length();
    pos += e - b;
  }
  ArrayData d;
  d.type = type;
  d.length = n;
  d.values = offsets;
  d.data = bytes;
  return Array(std::make_shared<const ArrayData>(std::move(d)));
}
}  // namespace

Array concat(const std::vector<Array>& arrays) {
  if (arrays.empty()) throw_invalid("concat: no arrays");
  const DataType& type = arrays[0].type();
  int64_t n = 0, nulls = 0;
  for (const auto& a : arrays) {
    if (a.type() != type)
      throw_invalid("concat: type mismatch (" + type.to_string() + " vs " + a.type().to_string() + ")");
    n += a.length();
    nulls += a.null_count();
  }
  if (arrays.size() == 1) return arrays[0];
  Array values;
  if (type.id == TypeId::Utf8) {
    values = concat_strings<int32_t>(arrays, type, n);
  } else if (type.id == TypeId::LargeUtf8) {
    values = concat_strings<int64_t>(arrays, type, n);
  } else if (type.id == TypeId::Bool) {
    auto bm = Buffer::allocate(bits::bytes_for(n), true);
    int64_t row = 0;
    for (const auto& a : arrays) {
      bits::copy(a.data().values->data(), a.offset(), bm->mutable_data(), row, a.length());
      row += a.length();
    }
    ArrayData d;
    d.type = type;
    d.length = n;
    d.values = bm;
    values = Array(std::make_shared<const ArrayData>(std::move(d)));
  } else {
    const int w = byte_width(type.id);
    auto buf = Buffer::allocate(n * w);
    int64_t row = 0;
    for (const auto& a : arrays) {
      if (a.length() > 0)
        std::memcpy(buf->mutable_data() + row * w, a.data().values->data() + a.offset() * w,
                    static_cast<size_t>(a.length() * w));
      row += a.length();
    }
    ArrayData d;
    d.type = type;
    d.length = n;
    d.values = buf;
    values = Array(std::make_shared<const ArrayData>(std::move(d)));
  }
  ArrayData d = values.data();
  if (nulls > 0) {
    auto bm = Buffer::allocate(bits::bytes_for(n), true);
    int64_t row = 0;
    for (const auto& a : arrays) {
      if (a.data().validity) bits::copy(a.data().validity->data(), a.offset(), bm->mutable_data(), row, a.length());
      else for (int64_t i = 0; i < a.length(); ++i) bits::set(bm->mutable_data(), row + i);
      row += a.length();
    }
    d.validity = bm;
    d.null_count = nulls;
  }
  return Array::make(std::move(d));
}

Table concat(const std::vector<Table>& tables) {
  if (tables.empty()) throw_invalid("concat: no tables");
  const Schema& schema = tables[0].schema();
  int64_t rows = 0;
  for (size_t t = 0; t < tables.size(); ++t) {
    if (tables[t].schema() != schema)
      throw_invalid("concat: table " + std::to_string(t) + " has schema\n" + tables[t].schema().to_string() +
                    "which differs from table 0:\n" + schema.to_string());
    rows += tables[t].num_rows();
  }
  std::vector<Array> cols;
  for (int c = 0; c < schema.num_fields(); ++c) {
    std::vector<Array> parts;
    for (const auto& t : tables) parts.push_back(t.column(c));
    cols.push_back(concat(parts));
  }
  return Table(schema, std::move(cols), rows);
}

}  // namespace deeprc
