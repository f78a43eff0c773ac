// Wire format of the TCP store. Every message is a frame:
//   u32 body_length (big-endian) | body
//   body = u8 version (kVersion) | u8 op | u32 key_length | key bytes | value bytes (the rest)
// Handshake: server -> kHello (value = 32-byte nonce); client -> kAuth (value = HMAC-SHA256(secret,
// nonce), empty without a secret); server -> kOk or kRefused (value = reason) and closes.
// Requests: kSet (key, value) -> kOk; kGet (key, value = u64 big-endian timeout ms) -> kOk
// (value) or kTimeout (key) once the timeout passes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace deeprc::comm::tcpstore {

constexpr uint8_t kVersion = 1;
constexpr uint32_t kMaxBody = 256u << 20;  // 256 MiB
constexpr uint32_t kMaxKey = 4096;
constexpr size_t kNonceBytes = 32;

enum Op : uint8_t { kHello = 1, kAuth = 2, kSet = 3, kGet = 4, kOk = 0x80, kTimeout = 0x81, kRefused = 0x82 };

struct Message {
  uint8_t op = 0;
  std::string key;
  std::vector<uint8_t> value;
};

// Appends the frame of `m` to `out`.
void encode(const Message& m, std::vector<uint8_t>& out);

enum class Decode { kNeedMore, kOk, kBad };
// Decodes the first frame of buf[0, size) into `m`; `used` = its byte length. kBad (with `why`)
// for a wrong version, an oversized body or key, or a body too short for its header.
Decode decode(const uint8_t* buf, size_t size, Message& m, size_t& used, std::string& why);

void put_u64(std::vector<uint8_t>& out, uint64_t v);
uint64_t get_u64(const std::vector<uint8_t>& v);  // 0 when shorter than 8 bytes

}  // namespace deeprc::comm::tcpstore
