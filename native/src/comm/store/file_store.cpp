// FileStore: one file per key, atomic publication by rename(2), polling get with backoff.
#include "comm/store/file_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "comm/store/sha256.h"
#include "core/error.h"

namespace deeprc::comm {
namespace {

std::string errno_text() { return std::strerror(errno); }

// Reads the whole file; false when it does not exist.
bool read_file(const std::string& path, std::vector<uint8_t>& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return false;
    throw_io("file store: cannot open " + path + ": " + errno_text());
  }
  out.clear();
  uint8_t buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string e = errno_text();
      ::close(fd);
      throw_io("file store: cannot read " + path + ": " + e);
    }
    if (n == 0) break;
    out.insert(out.end(), buf, buf + n);
  }
  ::close(fd);
  return true;
}

}  // namespace

FileStore::FileStore(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || !std::filesystem::is_directory(dir_))
    throw_io("file store: cannot create the directory " + dir_ + ": " + (ec ? ec.message() : "not a directory"));
}

std::string FileStore::file_name(const std::string& key) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string name;
  for (size_t i = 0; i < key.size(); ++i) {
    const auto c = static_cast<unsigned char>(key[i]);
    const bool keep = std::isalnum(c) != 0 || c == '_' || c == '-' || (c == '.' && i > 0);
    if (keep) {
      name.push_back(static_cast<char>(c));
    } else {
      name.push_back('%');
      name.push_back(kHex[c >> 4]);
      name.push_back(kHex[c & 15]);
    }
  }
  if (name.empty()) name = "%";
  if (name.size() > 200) {
    const Sha256Digest d = sha256({reinterpret_cast<const uint8_t*>(key.data()), key.size()});
    name = name.substr(0, 120) + "~" + to_hex(d);
  }
  return name;
}

void FileStore::set(const std::string& key, const std::vector<uint8_t>& value) {
  static std::atomic<uint64_t> counter{0};
  const std::string final_path = dir_ + "/" + file_name(key);
  // Temporary names start with '.', which no key file does.
  const std::string tmp = dir_ + "/.tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++) + "." +
                          file_name(key).substr(0, 80);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 && errno == ENOENT) {  // the directory was removed (e.g. by rank 0 at close): recreate it
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  }
  if (fd < 0) throw_io("file store: cannot create " + tmp + " for key '" + key + "': " + errno_text());
  size_t done = 0;
  while (done < value.size()) {
    const ssize_t n = ::write(fd, value.data() + done, value.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string e = errno_text();
      ::close(fd);
      ::unlink(tmp.c_str());
      throw_io("file store: cannot write " + tmp + " for key '" + key + "': " + e);
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), final_path.c_str()) != 0) {
    const std::string e = errno_text();
    ::unlink(tmp.c_str());
    throw_io("file store: cannot publish key '" + key + "' as " + final_path + ": " + e);
  }
}

std::vector<uint8_t> FileStore::get(const std::string& key, int64_t timeout_ms) {
  using clock = std::chrono::steady_clock;
  const std::string path = dir_ + "/" + file_name(key);
  const auto deadline = clock::now() + std::chrono::milliseconds(std::max<int64_t>(timeout_ms, 0));
  auto pause = std::chrono::milliseconds(1);
  std::vector<uint8_t> value;
  for (;;) {
    if (read_file(path, value)) return value;
    const auto now = clock::now();
    if (now >= deadline)
      throw_io("file store " + dir_ + ": timed out after " + std::to_string(timeout_ms) + " ms waiting for key '" +
               key + "'");
    std::this_thread::sleep_for(std::min<clock::duration>(pause, deadline - now));
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

}  // namespace deeprc::comm
