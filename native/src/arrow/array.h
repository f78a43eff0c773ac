// Immutable Arrow arrays. An Array is a cheap handle (shared_ptr) to ArrayData; copying an
// Array never copies values. Slices share buffers and carry an element offset.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "arrow/bitmap.h"
#include "arrow/buffer.h"
#include "arrow/type.h"

namespace deeprc {

// Physical layout (Arrow columnar format):
//   bool:          validity?, values (bits)
//   fixed width:   validity?, values (length+offset elements)
//   utf8:          validity?, offsets (int32, length+1), data (bytes)
//   large_utf8:    validity?, offsets (int64, length+1), data (bytes)
// `offset` is in elements and applies to validity, values and offsets alike.
struct ArrayData {
  DataType type;
  int64_t length = 0;
  int64_t null_count = 0;
  int64_t offset = 0;
  BufferPtr validity;  // null when the array has no nulls
  BufferPtr values;    // values, bits or offsets
  BufferPtr data;      // string bytes (strings only)
};

class Array {
 public:
  Array() = default;
  explicit Array(std::shared_ptr<const ArrayData> d) : d_(std::move(d)) {}
  // Validates the buffers against the type and length (sizes, offsets monotonic and in range,
  // null count); throws Invalid describing the first problem.
  static Array make(ArrayData data);

  bool valid_handle() const noexcept { return d_ != nullptr; }
  const ArrayData& data() const noexcept { return *d_; }
  const std::shared_ptr<const ArrayData>& data_ptr() const noexcept { return d_; }
  const DataType& type() const noexcept { return d_->type; }
  TypeId type_id() const noexcept { return d_->type.id; }
  int64_t length() const noexcept { return d_->length; }
  int64_t null_count() const noexcept { return d_->null_count; }
  int64_t offset() const noexcept { return d_->offset; }

  bool is_valid(int64_t i) const noexcept {
    return !d_->validity || bits::get(d_->validity->data(), d_->offset + i);
  }
  bool is_null(int64_t i) const noexcept { return !is_valid(i); }
  // Fixed-width values, already adjusted by the offset.
  template <typename T>
  const T* values() const noexcept { return d_->values->as<T>() + d_->offset; }
  bool bool_value(int64_t i) const noexcept { return bits::get(d_->values->data(), d_->offset + i); }
  // String value i (utf8 or large_utf8).
  std::string_view string_value(int64_t i) const noexcept {
    int64_t b, e;
    string_bounds(i, &b, &e);
    return {reinterpret_cast<const char*>(d_->data->data()) + b, static_cast<size_t>(e - b)};
  }
  void string_bounds(int64_t i, int64_t* begin, int64_t* end) const noexcept {
    const int64_t k = d_->offset + i;
    if (d_->type.id == TypeId::LargeUtf8) {
      const auto* o = d_->values->as<int64_t>();
      *begin = o[k];
      *end = o[k + 1];
    } else {
      const auto* o = d_->values->as<int32_t>();
      *begin = o[k];
      *end = o[k + 1];
    }
  }

  // Zero-copy slice [offset, offset+length); throws Invalid when out of range.
  Array slice(int64_t offset, int64_t length) const;
  // Structural equality: same type, length, validity and values (ignores offsets and buffers).
  bool equals(const Array& other) const;
  // Value i formatted for display ("null" for nulls).
  std::string format_value(int64_t i) const;

 private:
  std::shared_ptr<const ArrayData> d_;
};

}  // namespace deeprc
