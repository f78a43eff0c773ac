#include "io/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace deeprc::io {
namespace {

// Closes the descriptor on every path out of the constructor; the mapping outlives it.
struct FdGuard {
  int fd;
  ~FdGuard() {
    if (fd >= 0) ::close(fd);
  }
};

const char kEmpty[1] = {0};

}  // namespace

MappedFile::MappedFile(const std::string& path) {
  FdGuard fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (fd.fd < 0) throw_io("cannot open '" + path + "': " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.fd, &st) != 0) throw_io("cannot stat '" + path + "': " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw_io("cannot read '" + path + "': it is a directory");
  size_ = static_cast<int64_t>(st.st_size);
  if (size_ == 0) {
    data_ = kEmpty;
    return;
  }
  // MAP_POPULATE maps all pages up front, which is much cheaper than one page fault per 4 KiB
  // while parsing.
  void* m = ::mmap(nullptr, static_cast<size_t>(size_), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd.fd, 0);
  if (m == MAP_FAILED) throw_io("cannot map '" + path + "': " + std::strerror(errno));
  // The reader touches every byte once, in parallel blocks: ask the kernel to read ahead.
  ::madvise(m, static_cast<size_t>(size_), MADV_WILLNEED);
  mapping_ = m;
  data_ = static_cast<const char*>(m);
}

MappedFile::~MappedFile() {
  if (mapping_ != nullptr) ::munmap(mapping_, static_cast<size_t>(size_));
}

}  // namespace deeprc::io
