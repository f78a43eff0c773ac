#include "arrow/buffer.h"

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "core/error.h"

namespace deeprc {
namespace {

std::atomic<int64_t> g_allocated{0};

uint8_t* aligned_alloc_bytes(int64_t capacity) {
  if (capacity < 0) throw_invalid("negative buffer size " + std::to_string(capacity));
  const int64_t padded = round_up_64(capacity == 0 ? 64 : capacity);
  void* p = std::aligned_alloc(kAlignment, static_cast<size_t>(padded));
  if (p == nullptr)
    throw Error(ErrorCode::OutOfMemory, "out of memory allocating " + std::to_string(padded) + " bytes");
  g_allocated.fetch_add(padded, std::memory_order_relaxed);
  return static_cast<uint8_t*>(p);
}

// Owner of a buffer made by allocate(): frees the memory and updates the counter.
struct AlignedBlock {
  AlignedBlock(uint8_t* p, int64_t n) : ptr(p), padded(n) {}
  AlignedBlock(const AlignedBlock&) = delete;
  AlignedBlock& operator=(const AlignedBlock&) = delete;
  uint8_t* ptr;
  int64_t padded;
  ~AlignedBlock() {
    std::free(ptr);
    g_allocated.fetch_sub(padded, std::memory_order_relaxed);
  }
};

}  // namespace

int64_t bytes_allocated() noexcept { return g_allocated.load(std::memory_order_relaxed); }

BufferPtr Buffer::allocate(int64_t size, bool zero) {
  uint8_t* p = aligned_alloc_bytes(size);
  const int64_t padded = round_up_64(size == 0 ? 64 : size);
  auto block = std::make_shared<AlignedBlock>(p, padded);
  if (zero) std::memset(p, 0, static_cast<size_t>(padded));
  else std::memset(p + size, 0, static_cast<size_t>(padded - size));
  return std::make_shared<Buffer>(p, size, padded, std::move(block));
}

BufferPtr Buffer::wrap(const uint8_t* data, int64_t size, std::shared_ptr<void> owner) {
  return std::make_shared<Buffer>(data, size, size, std::move(owner));
}

BufferPtr Buffer::copy_of(const void* data, int64_t size) {
  auto b = allocate(size);
  if (size > 0) std::memcpy(b->mutable_data(), data, static_cast<size_t>(size));
  return b;
}

BufferPtr Buffer::slice(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0 || offset + length > size_)
    throw_invalid("buffer slice [" + std::to_string(offset) + ", +" + std::to_string(length) +
                  ") out of range for size " + std::to_string(size_));
  return std::make_shared<Buffer>(data_ + offset, length, length, owner_);
}

void BufferBuilder::FreeDeleter::operator()(uint8_t* p) const noexcept { std::free(p); }

BufferBuilder::~BufferBuilder() {
  if (data_) g_allocated.fetch_sub(round_up_64(capacity_), std::memory_order_relaxed);
}

BufferBuilder& BufferBuilder::operator=(BufferBuilder&& o) noexcept {
  if (this != &o) {
    if (data_) g_allocated.fetch_sub(round_up_64(capacity_), std::memory_order_relaxed);
    data_ = std::move(o.data_);
    size_ = o.size_;
    capacity_ = o.capacity_;
    o.size_ = o.capacity_ = 0;
  }
  return *this;
}

void BufferBuilder::reserve(int64_t capacity) {
  if (capacity > capacity_) grow(capacity);
}

void BufferBuilder::grow(int64_t min_capacity) {
  int64_t cap = capacity_ == 0 ? 64 : capacity_;
  while (cap < min_capacity) cap = cap < (int64_t{1} << 30) ? cap * 2 : cap + (cap >> 1);
  cap = round_up_64(cap);
  uint8_t* p = aligned_alloc_bytes(cap);
  if (size_ > 0) std::memcpy(p, data_.get(), static_cast<size_t>(size_));
  if (data_) g_allocated.fetch_sub(round_up_64(capacity_), std::memory_order_relaxed);
  data_.reset(p);
  capacity_ = cap;
}

BufferPtr BufferBuilder::finish() {
  if (!data_) return Buffer::allocate(0);
  // Zero the padding so written files and hashes are deterministic.
  std::memset(data_.get() + size_, 0, static_cast<size_t>(round_up_64(capacity_) - size_));
  auto block = std::make_shared<AlignedBlock>(data_.release(), round_up_64(capacity_));
  auto buf = std::make_shared<Buffer>(block->ptr, size_, capacity_, block);
  size_ = 0;
  capacity_ = 0;
  return buf;
}

}  // namespace deeprc
