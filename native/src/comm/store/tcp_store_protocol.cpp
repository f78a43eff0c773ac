// Encoding and decoding of TCP store frames (tcp_store_protocol.h).
#include "comm/store/tcp_store_protocol.h"

namespace deeprc::comm::tcpstore {
namespace {

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
uint32_t read_u32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

void encode(const Message& m, std::vector<uint8_t>& out) {
  const size_t body = 2 + 4 + m.key.size() + m.value.size();
  put_u32(out, static_cast<uint32_t>(body));
  out.push_back(kVersion);
  out.push_back(m.op);
  put_u32(out, static_cast<uint32_t>(m.key.size()));
  out.insert(out.end(), m.key.begin(), m.key.end());
  out.insert(out.end(), m.value.begin(), m.value.end());
}

Decode decode(const uint8_t* buf, size_t size, Message& m, size_t& used, std::string& why) {
  if (size < 4) return Decode::kNeedMore;
  const uint32_t body = read_u32(buf);
  if (body > kMaxBody) {
    why = "frame of " + std::to_string(body) + " bytes exceeds the limit";
    return Decode::kBad;
  }
  if (body < 6) {
    why = "frame of " + std::to_string(body) + " bytes is shorter than its header";
    return Decode::kBad;
  }
  // Check the version as soon as it arrives, before buffering a large body.
  if (size >= 5 && buf[4] != kVersion) {
    why = "protocol version " + std::to_string(buf[4]) + " (expected " + std::to_string(kVersion) + ")";
    return Decode::kBad;
  }
  if (size < 4 + size_t{body}) return Decode::kNeedMore;
  const uint8_t* p = buf + 4;
  const uint32_t key_len = read_u32(p + 2);
  if (key_len > kMaxKey || 6 + size_t{key_len} > body) {
    why = "key length " + std::to_string(key_len) + " is invalid";
    return Decode::kBad;
  }
  m.op = p[1];
  m.key.assign(reinterpret_cast<const char*>(p + 6), key_len);
  m.value.assign(p + 6 + key_len, p + body);
  used = 4 + size_t{body};
  return Decode::kOk;
}

void put_u64(std::vector<uint8_t>& out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

uint64_t get_u64(const std::vector<uint8_t>& v) {
  if (v.size() < 8) return 0;
  uint64_t r = 0;
  for (int i = 0; i < 8; ++i) r = (r << 8) | v[static_cast<size_t>(i)];
  return r;
}

}  // namespace deeprc::comm::tcpstore
