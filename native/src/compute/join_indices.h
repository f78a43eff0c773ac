// The result of a join algorithm before materialisation: pairs of row indices, in chunks so that
// threads can produce (and later gather) them independently without a concatenation pass.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include "core/scratch_array.h"

namespace deeprc::compute {

// A growable int64 array that, unlike std::vector, does not zero what it grows into: the join
// writes every slot it keeps, and zero-filling hundreds of MB of indices showed up in profiles.
class IndexBuffer {
 public:
  size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  int64_t* data() noexcept { return data_.get(); }
  const int64_t* data() const noexcept { return data_.get(); }
  int64_t operator[](size_t i) const noexcept { return data_[i]; }
  int64_t& operator[](size_t i) noexcept { return data_[i]; }
  const int64_t* begin() const noexcept { return data_.get(); }
  const int64_t* end() const noexcept { return data_.get() + size_; }
  // New elements are uninitialised.
  void resize(size_t n) {
    if (n > capacity_) grow(std::max(n, capacity_ * 2));
    size_ = n;
  }
  void push_back(int64_t v) {
    if (size_ == capacity_) grow(std::max<size_t>(64, capacity_ * 2));
    data_[size_++] = v;
  }

 private:
  void grow(size_t cap) {
    void* p = std::realloc(data_.get(), cap * sizeof(int64_t));
    if (p == nullptr) throw std::bad_alloc();
    data_.release();  // realloc took ownership of the old block
    data_.reset(static_cast<int64_t*>(p));
    capacity_ = cap;
  }
  std::unique_ptr<int64_t[], scratch_detail::Free> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

struct JoinIndexChunk {
  IndexBuffer left;   // left row, or -1 for "no left row" (right/full outer)
  IndexBuffer right;  // right row, or -1; empty for semi/anti joins
  int64_t size() const { return static_cast<int64_t>(left.size()); }
};

struct JoinIndices {
  std::vector<JoinIndexChunk> chunks;  // output order = chunk order, then position in chunk

  int64_t num_rows() const {
    int64_t n = 0;
    for (const auto& c : chunks) n += c.size();
    return n;
  }
  // Output row where each chunk starts (size chunks+1).
  std::vector<int64_t> offsets() const {
    std::vector<int64_t> o(chunks.size() + 1, 0);
    for (std::size_t i = 0; i < chunks.size(); ++i) o[i + 1] = o[i] + chunks[i].size();
    return o;
  }
};

}  // namespace deeprc::compute
