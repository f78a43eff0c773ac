#include "io/atomic_file.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/error.h"

namespace deeprc::io {
namespace {
std::atomic<uint64_t> g_counter{0};
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  if (path_.empty()) throw_invalid("output path is empty");
  const fs::path p(path_);
  if (fs::is_directory(p)) throw_io("cannot write '" + path_ + "': it is a directory");
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  tmp_ = (dir / ("." + p.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                 std::to_string(g_counter.fetch_add(1))))
             .string();
  f_ = std::fopen(tmp_.c_str(), "wb");
  if (f_ == nullptr) throw_io("cannot create '" + path_ + "': " + std::strerror(errno));
  std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
}

AtomicFile::~AtomicFile() {
  if (f_ != nullptr) std::fclose(f_);
  if (!committed_) std::remove(tmp_.c_str());
}

void AtomicFile::write(const void* data, size_t n) {
  if (n == 0) return;
  if (std::fwrite(data, 1, n, f_) != n) throw_io("error writing '" + path_ + "': " + std::strerror(errno));
  written_ += static_cast<int64_t>(n);
}

void AtomicFile::commit() {
  if (std::fflush(f_) != 0) throw_io("error writing '" + path_ + "': " + std::strerror(errno));
  ::fsync(::fileno(f_));
  const int rc = std::fclose(f_);
  f_ = nullptr;
  if (rc != 0) throw_io("error closing '" + path_ + "': " + std::strerror(errno));
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0)
    throw_io("cannot rename temporary file to '" + path_ + "': " + std::strerror(errno));
  committed_ = true;
}

}  // namespace deeprc::io
