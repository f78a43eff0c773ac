// Builders: append values and nulls, then finish() into an immutable Array.
#pragma once
#include <cstdint>
#include <memory>
#include <string_view>

#include "arrow/array.h"
#include "arrow/buffer.h"
#include "core/error.h"

namespace deeprc {

// Validity bitmap that is only materialised once the first null is appended.
class ValidityBuilder {
 public:
  void append(bool valid) {
    if (!valid && !materialised_) materialise();
    if (materialised_) {
      bits_.resize(bits::bytes_for(length_ + 1));
      bits::set_to(bits_.data(), length_, valid);
    }
    nulls_ += valid ? 0 : 1;
    ++length_;
  }
  int64_t length() const noexcept { return length_; }
  int64_t null_count() const noexcept { return nulls_; }
  void reserve(int64_t n) {
    if (materialised_) bits_.reserve(bits::bytes_for(n));
  }
  BufferPtr finish() {
    BufferPtr b = nulls_ > 0 ? bits_.finish() : nullptr;
    bits_ = BufferBuilder();
    length_ = nulls_ = 0;
    materialised_ = false;
    return b;
  }

 private:
  void materialise() {
    bits_.resize(bits::bytes_for(length_));
    if (bits_.size() > 0) std::memset(bits_.data(), 0xFF, static_cast<size_t>(bits_.size()));
    materialised_ = true;
  }
  BufferBuilder bits_;
  int64_t length_ = 0;
  int64_t nulls_ = 0;
  bool materialised_ = false;
};

class ArrayBuilder {
 public:
  explicit ArrayBuilder(DataType type) : type_(std::move(type)) {}
  virtual ~ArrayBuilder() = default;
  const DataType& type() const noexcept { return type_; }
  int64_t length() const noexcept { return validity_.length(); }
  virtual void append_null() = 0;
  virtual void reserve(int64_t n) = 0;
  // Appends element i of `src` (same type) — used by take/filter/concat and converters.
  virtual void append_from(const Array& src, int64_t i) = 0;
  virtual Array finish() = 0;

 protected:
  // Assembles the finished array from the builder's validity and the given buffers.
  Array finish_with(BufferPtr values, BufferPtr data = nullptr) {
    ArrayData d;
    d.type = type_;
    d.length = validity_.length();
    d.null_count = validity_.null_count();
    d.validity = validity_.finish();
    d.values = std::move(values);
    d.data = std::move(data);
    return Array::make(std::move(d));
  }
  DataType type_;
  ValidityBuilder validity_;
};

template <typename T>
class PrimitiveBuilder final : public ArrayBuilder {
 public:
  explicit PrimitiveBuilder(DataType type) : ArrayBuilder(std::move(type)) {
    DRC_CHECK(byte_width(type_.id) == static_cast<int>(sizeof(T)), "builder width mismatch");
  }
  void append(T v) {
    values_.append_value(v);
    validity_.append(true);
  }
  void append_null() override {
    values_.append_value(T{});
    validity_.append(false);
  }
  void reserve(int64_t n) override {
    values_.reserve(n * static_cast<int64_t>(sizeof(T)));
    validity_.reserve(n);
  }
  void append_from(const Array& src, int64_t i) override {
    if (src.is_null(i)) append_null();
    else append(src.values<T>()[i]);
  }
  Array finish() override { return finish_with(values_.finish()); }

 private:
  BufferBuilder values_;
};

class BoolBuilder final : public ArrayBuilder {
 public:
  BoolBuilder() : ArrayBuilder(DataType(TypeId::Bool)) {}
  void append(bool v) {
    const int64_t i = validity_.length();
    bits_.resize(bits::bytes_for(i + 1));
    bits::set_to(bits_.data(), i, v);
    validity_.append(true);
  }
  void append_null() override {
    const int64_t i = validity_.length();
    bits_.resize(bits::bytes_for(i + 1));
    bits::clear(bits_.data(), i);
    validity_.append(false);
  }
  void reserve(int64_t n) override {
    bits_.reserve(bits::bytes_for(n));
    validity_.reserve(n);
  }
  void append_from(const Array& src, int64_t i) override {
    if (src.is_null(i)) append_null();
    else append(src.bool_value(i));
  }
  Array finish() override { return finish_with(bits_.finish()); }

 private:
  BufferBuilder bits_;
};

// utf8 (int32 offsets) or large_utf8 (int64 offsets). Throws Invalid if a utf8 array would
// exceed 2^31-1 bytes (use large_utf8 for that).
class StringBuilder final : public ArrayBuilder {
 public:
  explicit StringBuilder(DataType type = DataType(TypeId::Utf8));
  void append(std::string_view s) {
    bytes_.append(s.data(), static_cast<int64_t>(s.size()));
    push_offset();
    validity_.append(true);
  }
  void append_null() override {
    push_offset();
    validity_.append(false);
  }
  void reserve(int64_t n) override {
    offsets_.reserve((n + 1) * (large_ ? 8 : 4));
    validity_.reserve(n);
  }
  void reserve_bytes(int64_t n) { bytes_.reserve(n); }
  void append_from(const Array& src, int64_t i) override {
    if (src.is_null(i)) append_null();
    else append(src.string_value(i));
  }
  Array finish() override;

 private:
  void push_offset() {
    const int64_t end = bytes_.size();
    if (large_) {
      offsets_.append_value(end);
    } else {
      if (end > INT32_MAX) throw_invalid("utf8 column exceeds 2 GiB of string data; use large_utf8");
      offsets_.append_value(static_cast<int32_t>(end));
    }
  }
  bool large_;
  BufferBuilder offsets_;
  BufferBuilder bytes_;
};

// Makes a builder for any supported type.
std::unique_ptr<ArrayBuilder> make_builder(const DataType& type);

}  // namespace deeprc
