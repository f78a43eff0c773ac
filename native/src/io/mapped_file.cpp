#include "io/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "core/error.h"

namespace deeprc::io {
namespace {

struct Mapping {
  void* addr = MAP_FAILED;
  size_t size = 0;
  Mapping() = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() {
    if (addr != MAP_FAILED) ::munmap(addr, size);
  }
};

// Closes the descriptor on every path out of map_file; the mapping outlives it.
struct FdGuard {
  int fd;
  ~FdGuard() {
    if (fd >= 0) ::close(fd);
  }
};

const uint8_t kEmpty[1] = {0};

}  // namespace

BufferPtr map_file(const std::string& path, bool populate) {
  FdGuard f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) {
    const int err = errno;
    if (err == ENOENT) throw_io("cannot open '" + path + "': no such file");
    throw_io("cannot open '" + path + "': " + std::strerror(err));
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) throw_io("cannot stat '" + path + "': " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw_io("cannot read '" + path + "': it is a directory");
  if (!S_ISREG(st.st_mode)) throw_io("cannot read '" + path + "': not a regular file");
  if (st.st_size == 0) return Buffer::wrap(kEmpty, 0, nullptr);
  auto m = std::make_shared<Mapping>();
  m->size = static_cast<size_t>(st.st_size);
  m->addr = ::mmap(nullptr, m->size, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), f.fd, 0);
  if (m->addr == MAP_FAILED) throw_io("cannot map '" + path + "': " + std::strerror(errno));
  // Readers walk the file front to back: ask the kernel to read ahead.
  ::madvise(m->addr, m->size, populate ? MADV_WILLNEED : MADV_SEQUENTIAL);
  // Read both before moving `m` into the call: argument evaluation order is unspecified.
  const auto* data = static_cast<const uint8_t*>(m->addr);
  const auto size = static_cast<int64_t>(m->size);
  return Buffer::wrap(data, size, std::move(m));
}

}  // namespace deeprc::io
