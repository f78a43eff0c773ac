// Large scratch arrays for random-access kernels (hash tables, partitions): 2 MiB aligned and
// advised to use transparent huge pages, so random probes do not also miss the TLB on every
// access. Elements are left uninitialised. Owned (RAII); freed with std::free.
#pragma once
#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>

namespace deeprc {

struct FreeDeleter {
  void operator()(void* p) const noexcept { std::free(p); }
};

template <typename T>
using HugeArray = std::unique_ptr<T[], FreeDeleter>;

template <typename T>
HugeArray<T> make_huge_array(size_t n) {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
  constexpr size_t kHuge = size_t{2} << 20;
  const size_t bytes = n * sizeof(T);
  if (bytes < kHuge) {
    void* p = std::malloc(bytes == 0 ? 1 : bytes);
    if (p == nullptr) throw std::bad_alloc();
    return HugeArray<T>(static_cast<T*>(p));
  }
  const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
  void* p = std::aligned_alloc(kHuge, rounded);
  if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  ::madvise(p, rounded, MADV_HUGEPAGE);  // advisory: ignoring failure only costs speed
#endif
  return HugeArray<T>(static_cast<T*>(p));
}

}  // namespace deeprc
