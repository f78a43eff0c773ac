#include "core/scratch_array.h"

#include <algorithm>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace deeprc::scratch_detail {

void* allocate(size_t bytes) {
  constexpr size_t kHuge = size_t{2} << 20;
  const bool huge = bytes >= 2 * kHuge;
  const size_t align = huge ? kHuge : 64;
  const size_t size = (std::max<size_t>(bytes, 1) + align - 1) / align * align;  // aligned_alloc wants a multiple
  void* p = std::aligned_alloc(align, size);
  if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (huge) ::madvise(p, size, MADV_HUGEPAGE);  // advisory: ignore failure
#endif
  return p;
}

void Free::operator()(void* p) const noexcept { std::free(p); }

}  // namespace deeprc::scratch_detail
