// Read-only memory mapping of a whole file: the CSV reader parses the bytes in place, so no
// copy of the input is ever made.
#pragma once
#include <cstdint>
#include <string>

namespace deeprc::io {

class MappedFile {
 public:
  // Throws IO naming the path when the file is missing, a directory or cannot be mapped.
  explicit MappedFile(const std::string& path);
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // Never null (an empty file yields a pointer to a static empty byte).
  const char* data() const noexcept { return data_; }
  int64_t size() const noexcept { return size_; }

 private:
  const char* data_ = nullptr;
  int64_t size_ = 0;
  void* mapping_ = nullptr;  // nullptr for an empty file
};

}  // namespace deeprc::io
