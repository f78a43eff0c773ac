// A KvStore in a directory of a file system shared by all ranks: one file per key, written to a
// temporary file and renamed into place (readers never see a partial value); get() polls with a
// short exponential backoff (1 ms .. 50 ms), never a hot spin.
#pragma once
#include <string>

#include "comm/store/kv_store.h"

namespace deeprc::comm {

class FileStore final : public KvStore {
 public:
  explicit FileStore(std::string dir);  // creates the directory (and parents) when missing
  void set(const std::string& key, const std::vector<uint8_t>& value) override;
  std::vector<uint8_t> get(const std::string& key, int64_t timeout_ms) override;
  std::string describe() const override { return "file store " + dir_; }
  const std::string& dir() const { return dir_; }

  // The file name of `key`: [A-Za-z0-9_-] and non-leading '.' kept, every other byte as %XX;
  // names over 200 bytes are cut and suffixed with the key's SHA-256.
  static std::string file_name(const std::string& key);

 private:
  std::string dir_;
};

}  // namespace deeprc::comm
