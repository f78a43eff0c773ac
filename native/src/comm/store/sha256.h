// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for authenticating clients of the TCP store.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace deeprc::comm {

using Sha256Digest = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  void update(std::span<const uint8_t> data);
  void update(const std::string& s) { update({reinterpret_cast<const uint8_t*>(s.data()), s.size()}); }
  Sha256Digest finish();  // the object must not be used afterwards

 private:
  void block(const uint8_t* p);
  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buf_{};
  size_t used_ = 0;
  uint64_t total_ = 0;
};

Sha256Digest sha256(std::span<const uint8_t> data);
Sha256Digest hmac_sha256(std::span<const uint8_t> key, std::span<const uint8_t> message);
std::string to_hex(std::span<const uint8_t> bytes);
// Compares in time independent of where the inputs differ.
bool constant_time_equal(std::span<const uint8_t> a, std::span<const uint8_t> b);

}  // namespace deeprc::comm
