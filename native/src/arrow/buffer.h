// Refcounted, 64-byte aligned memory buffers (Arrow's alignment and padding recommendation).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>

namespace deeprc {

inline constexpr int64_t kAlignment = 64;

inline int64_t round_up_64(int64_t n) { return (n + 63) & ~int64_t{63}; }

// An immutable view of bytes kept alive by an owner. Buffers are always held by shared_ptr;
// slices share the parent's owner, so no copy is ever needed to cut a buffer.
class Buffer {
 public:
  // Allocates size bytes (padded to a multiple of 64, padding zeroed), 64-byte aligned.
  static std::shared_ptr<Buffer> allocate(int64_t size, bool zero = false);
  // Wraps foreign memory; `owner` keeps it alive (e.g. an imported ArrowArray, an mmap).
  static std::shared_ptr<Buffer> wrap(const uint8_t* data, int64_t size, std::shared_ptr<void> owner);
  // Copies bytes into a new aligned buffer.
  static std::shared_ptr<Buffer> copy_of(const void* data, int64_t size);

  const uint8_t* data() const noexcept { return data_; }
  // Mutable access is only legitimate while the producer still exclusively owns the buffer
  // (builders, readers filling a freshly allocated buffer).
  uint8_t* mutable_data() noexcept { return const_cast<uint8_t*>(data_); }
  int64_t size() const noexcept { return size_; }
  int64_t capacity() const noexcept { return capacity_; }
  template <typename T>
  const T* as() const noexcept { return reinterpret_cast<const T*>(data_); }
  template <typename T>
  T* mutable_as() noexcept { return reinterpret_cast<T*>(mutable_data()); }

  // Zero-copy sub-range; keeps this buffer's memory alive.
  std::shared_ptr<Buffer> slice(int64_t offset, int64_t length) const;
  // Shrinks the logical size (never grows); used by producers that over-allocated.
  void set_size(int64_t size) noexcept { size_ = size; }

  Buffer(const uint8_t* data, int64_t size, int64_t capacity, std::shared_ptr<void> owner)
      : data_(data), size_(size), capacity_(capacity), owner_(std::move(owner)) {}

 private:
  const uint8_t* data_;
  int64_t size_;
  int64_t capacity_;
  std::shared_ptr<void> owner_;
};

using BufferPtr = std::shared_ptr<Buffer>;

// A growable 64-byte aligned byte buffer used by builders and writers.
class BufferBuilder {
 public:
  BufferBuilder() = default;
  BufferBuilder(BufferBuilder&&) noexcept = default;
  BufferBuilder& operator=(BufferBuilder&& o) noexcept;
  BufferBuilder(const BufferBuilder&) = delete;
  ~BufferBuilder();
  explicit BufferBuilder(int64_t initial_capacity) { reserve(initial_capacity); }
  void reserve(int64_t capacity);           // total capacity in bytes
  void ensure(int64_t extra) {              // room for `extra` more bytes
    if (size_ + extra > capacity_) grow(size_ + extra);
  }
  void append(const void* bytes, int64_t n) {
    ensure(n);
    if (n > 0) std::memcpy(data_.get() + size_, bytes, static_cast<size_t>(n));
    size_ += n;
  }
  template <typename T>
  void append_value(const T& v) { append(&v, sizeof(T)); }
  void append_zeros(int64_t n) {
    ensure(n);
    if (n > 0) std::memset(data_.get() + size_, 0, static_cast<size_t>(n));
    size_ += n;
  }
  void resize(int64_t n) {                  // new bytes are zeroed
    if (n > size_) append_zeros(n - size_);
    else size_ = n;
  }
  uint8_t* data() noexcept { return data_.get(); }
  const uint8_t* data() const noexcept { return data_.get(); }
  int64_t size() const noexcept { return size_; }
  int64_t capacity() const noexcept { return capacity_; }
  // Hands the bytes over as an immutable Buffer; the builder is empty afterwards.
  BufferPtr finish();

 private:
  struct FreeDeleter {
    void operator()(uint8_t* p) const noexcept;
  };
  void grow(int64_t min_capacity);
  std::unique_ptr<uint8_t, FreeDeleter> data_;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
};

// Process-wide count of bytes currently held by allocate()/BufferBuilder (for memory reporting
// and leak tests).
int64_t bytes_allocated() noexcept;

}  // namespace deeprc
