// Uninitialised scratch arrays for kernels. Large ones are 2 MiB aligned and advised as
// transparent huge pages: first-touch page faults dominate the cost of fresh scratch memory
// (especially inside VMs), and a huge page takes one fault instead of 512.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>

namespace deeprc {

namespace scratch_detail {
void* allocate(size_t bytes);  // throws std::bad_alloc
struct Free {
  void operator()(void* p) const noexcept;
};
}  // namespace scratch_detail

template <typename T>
class ScratchArray {
 public:
  ScratchArray() = default;
  explicit ScratchArray(size_t n) : p_(static_cast<T*>(scratch_detail::allocate(n * sizeof(T)))) {}
  T* data() noexcept { return p_.get(); }
  const T* data() const noexcept { return p_.get(); }
  T& operator[](size_t i) noexcept { return p_.get()[i]; }
  const T& operator[](size_t i) const noexcept { return p_.get()[i]; }
  void reset() noexcept { p_.reset(); }

 private:
  std::unique_ptr<T, scratch_detail::Free> p_;
};

}  // namespace deeprc
