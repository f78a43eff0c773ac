// Output files are written to a temporary name in the destination directory and renamed into
// place on commit(), so a failure (or a crash) never leaves a half-written file behind.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>

namespace deeprc::io {

class AtomicFile {
 public:
  // Opens "<dir>/.<name>.tmp-<pid>-<n>" for writing; throws IO naming the path on failure.
  explicit AtomicFile(std::string path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Removes the temporary file unless commit() succeeded.
  ~AtomicFile();

  void write(const void* data, size_t n);  // throws IO (e.g. disk full) naming the path
  int64_t bytes_written() const noexcept { return written_; }
  // Flushes, fsyncs and renames over the destination.
  void commit();
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  std::string tmp_;
  std::FILE* f_ = nullptr;
  int64_t written_ = 0;
  bool committed_ = false;
};

}  // namespace deeprc::io
