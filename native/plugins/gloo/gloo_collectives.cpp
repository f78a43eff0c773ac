// Collectives on gloo unbound buffers: alltoallv / allgatherv / gatherv as direct exchanges,
// bcast down a binomial tree, allreduce as a rank-ordered reduction at rank 0 (so results equal
// the in-process backends' bit for bit) followed by a bcast, barrier by dissemination.
#include "gloo_collectives.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "gloo/transport/unbound_buffer.h"
#include "gloo_plugin_error.h"
#include "gloo_reduce.h"

namespace deeprc::gloo_plugin {
namespace {

// Slot layout: 0xD7 in the top byte (gloo's own algorithms use small prefixes), then the
// operation number (32 bits), then 24 bits of sub-slot (chunk index / round).
constexpr uint64_t kSlotPrefix = uint64_t{0xD7} << 56;
// The sub-slot of the byte-count headers of a checked exchange (chunk indices stay below it).
constexpr uint64_t kHeaderSub = uint64_t{1} << 23;

}  // namespace

int64_t chunk_bytes_from_env() {
  const char* v = std::getenv("DEEPRC_GLOO_CHUNK_BYTES");
  if (v == nullptr || *v == '\0') return kChunkBytes;
  const long long n = std::atoll(v);
  return n >= 1 ? static_cast<int64_t>(n) : kChunkBytes;
}

uint64_t Collectives::next_op() { return kSlotPrefix | (uint64_t{op_++} << 24); }

void Collectives::check_usable() const {
  if (!broken_.empty()) fail(DRC_STATUS_COMM, "the communicator is unusable after an earlier failure: " + broken_);
}

void Collectives::check_rank(int r, const char* what) const {
  if (r < 0 || r >= size())
    fail(DRC_STATUS_INVALID, std::string(what) + " " + std::to_string(r) + " is not a rank (size " +
                                 std::to_string(size()) + ")");
}

void Collectives::fail_broken(int32_t code, const std::string& msg) {
  broken_ = msg;
  // Stop the transport: peers blocked on us fail fast, and nothing lands in freed buffers.
  try {
    ctx_->closeConnections();
  } catch (...) {
  }
  fail(code, msg);
}

void Collectives::exchange(const char* what, uint64_t slot_base, const std::vector<Transfer>& sends,
                           const std::vector<Transfer>& recvs, bool checked) {
  if (checked) {
    std::vector<int64_t> out(sends.size()), in(recvs.size(), -1);
    std::vector<Transfer> hs, hr;
    for (size_t i = 0; i < sends.size(); ++i) {
      out[i] = sends[i].bytes;
      hs.push_back({sends[i].peer, &out[i], 8});
    }
    for (size_t i = 0; i < recvs.size(); ++i) hr.push_back({recvs[i].peer, &in[i], 8});
    exchange(what, slot_base | kHeaderSub, hs, hr, false);
    for (size_t i = 0; i < recvs.size(); ++i)
      if (in[i] != recvs[i].bytes)
        fail_broken(DRC_STATUS_INVALID, std::string(what) + ": rank " + std::to_string(recvs[i].peer) + " sends " +
                                            std::to_string(in[i]) + " bytes to rank " + std::to_string(rank()) +
                                            ", which expects " + std::to_string(recvs[i].bytes));
  }
  struct Posted {
    const Transfer* t;
    std::unique_ptr<::gloo::transport::UnboundBuffer> buf;
    int64_t chunks;
    bool is_send;
  };
  std::vector<Posted> posted;
  int64_t rounds = 0;
  for (const auto* list : {&sends, &recvs}) {
    for (const Transfer& t : *list) {
      if (t.bytes <= 0) continue;
      Posted p{&t, ctx_->createUnboundBuffer(t.ptr, static_cast<size_t>(t.bytes)), (t.bytes + chunk_ - 1) / chunk_, list == &sends};
      rounds = std::max(rounds, p.chunks);
      posted.push_back(std::move(p));
    }
  }
  if (rounds >= static_cast<int64_t>(kHeaderSub)) fail(DRC_STATUS_INVALID, std::string(what) + ": message too large");
  Posted* current = nullptr;
  try {
    for (int64_t c = 0; c < rounds; ++c) {
      const uint64_t slot = slot_base + static_cast<uint64_t>(c);
      for (auto& p : posted) {
        if (c >= p.chunks) continue;
        const auto offset = static_cast<size_t>(c * chunk_);
        const auto len = static_cast<size_t>(std::min(chunk_, p.t->bytes - c * chunk_));
        if (p.is_send) p.buf->send(p.t->peer, slot, offset, len);
        else p.buf->recv(p.t->peer, slot, offset, len);
      }
      for (auto& p : posted) {
        if (c >= p.chunks) continue;
        current = &p;
        const bool ok = p.is_send ? p.buf->waitSend(timeout_) : p.buf->waitRecv(timeout_);
        if (!ok) fail(DRC_STATUS_COMM, "aborted");
      }
      current = nullptr;
    }
  } catch (const std::exception& e) {
    std::string msg = what;
    if (current != nullptr)
      msg += std::string(current->is_send ? ": send to rank " : ": receive from rank ") +
             std::to_string(current->t->peer) + " failed";
    msg += std::string(" (rank ") + std::to_string(rank()) + " of " + std::to_string(size()) + ", timeout " +
           std::to_string(timeout_.count()) + " ms): " + e.what();
    for (auto& p : posted) graveyard_.push_back(std::move(p.buf));  // the transport may still hold them
    fail_broken(DRC_STATUS_COMM, msg);
  }
}

void Collectives::barrier() {
  check_usable();
  const uint64_t base = next_op();
  uint8_t out = 1, in = 0;
  int round = 0;
  for (int k = 1; k < size(); k *= 2, ++round) {
    const int to = (rank() + k) % size();
    const int from = (rank() - k + size()) % size();
    exchange("barrier", base + (static_cast<uint64_t>(round) << 8), {{to, &out, 1}}, {{from, &in, 1}}, false);
  }
}

void Collectives::alltoallv(const void* send, const int64_t* scounts, const int64_t* sdispls, void* recv,
                            const int64_t* rcounts, const int64_t* rdispls) {
  check_usable();
  const uint64_t base = next_op();
  auto* s = static_cast<uint8_t*>(const_cast<void*>(send));
  auto* r = static_cast<uint8_t*>(recv);
  std::vector<Transfer> sends, recvs;
  for (int p = 0; p < size(); ++p) {
    if (p == rank()) continue;
    sends.push_back({p, s + sdispls[p], scounts[p]});
    recvs.push_back({p, r + rdispls[p], rcounts[p]});
  }
  if (scounts[rank()] != rcounts[rank()])
    fail(DRC_STATUS_INVALID, "alltoallv: rank " + std::to_string(rank()) + " sends itself " +
                                 std::to_string(scounts[rank()]) + " bytes but expects " +
                                 std::to_string(rcounts[rank()]));
  if (scounts[rank()] > 0) std::memmove(r + rdispls[rank()], s + sdispls[rank()], static_cast<size_t>(scounts[rank()]));
  exchange("alltoallv", base, sends, recvs);
}

void Collectives::allgatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts,
                             const int64_t* rdispls) {
  check_usable();
  const uint64_t base = next_op();
  if (count != rcounts[rank()])
    fail(DRC_STATUS_INVALID, "allgatherv: rank " + std::to_string(rank()) + " contributes " + std::to_string(count) +
                                 " bytes but recv_counts[" + std::to_string(rank()) + "] = " +
                                 std::to_string(rcounts[rank()]));
  auto* r = static_cast<uint8_t*>(recv);
  std::vector<Transfer> sends, recvs;
  for (int p = 0; p < size(); ++p) {
    if (p == rank()) continue;
    sends.push_back({p, const_cast<void*>(send), count});
    recvs.push_back({p, r + rdispls[p], rcounts[p]});
  }
  if (count > 0) std::memmove(r + rdispls[rank()], send, static_cast<size_t>(count));
  exchange("allgatherv", base, sends, recvs);
}

void Collectives::gatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls,
                          int root) {
  check_usable();
  check_rank(root, "gatherv root");
  const uint64_t base = next_op();
  std::vector<Transfer> sends, recvs;
  if (rank() == root) {
    if (count != rcounts[root])
      fail(DRC_STATUS_INVALID, "gatherv: the root contributes " + std::to_string(count) + " bytes but recv_counts[" +
                                   std::to_string(root) + "] = " + std::to_string(rcounts[root]));
    auto* r = static_cast<uint8_t*>(recv);
    for (int p = 0; p < size(); ++p)
      if (p != root) recvs.push_back({p, r + rdispls[p], rcounts[p]});
    if (count > 0) std::memmove(r + rdispls[root], send, static_cast<size_t>(count));
  } else {
    sends.push_back({root, const_cast<void*>(send), count});
  }
  exchange("gatherv", base, sends, recvs);
}

void Collectives::bcast_with(uint64_t slot_base, void* buffer, int64_t bytes, int root) {
  const int n = size();
  const int vr = (rank() - root + n) % n;
  int mask = 1;
  // Receive from the parent: the virtual rank with the lowest set bit cleared.
  while (mask < n) {
    if (vr & mask) {
      const int parent = ((vr - mask) + root) % n;
      exchange("bcast", slot_base, {}, {{parent, buffer, bytes}});
      break;
    }
    mask <<= 1;
  }
  // Send to the children vr + m for every m below the bit we received on.
  std::vector<Transfer> sends;
  for (mask >>= 1; mask > 0; mask >>= 1)
    if (vr + mask < n) sends.push_back({(vr + mask + root) % n, buffer, bytes});
  exchange("bcast", slot_base, sends, {});
}

void Collectives::bcast(void* buffer, int64_t bytes, int root) {
  check_usable();
  check_rank(root, "bcast root");
  bcast_with(next_op(), buffer, bytes, root);
}

void Collectives::allreduce(const void* send, void* recv, int64_t count, int32_t dtype, int32_t op) {
  check_usable();
  const int64_t width = reduce_width(dtype, op);
  const int64_t bytes = count * width;
  const uint64_t base = next_op();
  const uint64_t result = next_op();
  // Chunks bounded so that rank 0 buffers at most (size - 1) * 8 MiB of contributions.
  const int64_t chunk_elems = std::max<int64_t>(1, std::min<int64_t>(int64_t{8} << 20, chunk_) / width);
  if (rank() == 0) {
    if (bytes > 0 && recv != send) std::memmove(recv, send, static_cast<size_t>(bytes));
    std::vector<std::vector<uint8_t>> parts(static_cast<size_t>(size()));
    for (int64_t c = 0, i = 0; i < count; ++c, i += chunk_elems) {
      const int64_t n = std::min(chunk_elems, count - i);
      std::vector<Transfer> recvs;
      for (int p = 1; p < size(); ++p) {
        parts[static_cast<size_t>(p)].resize(static_cast<size_t>(n * width));
        recvs.push_back({p, parts[static_cast<size_t>(p)].data(), n * width});
      }
      exchange("allreduce", base + static_cast<uint64_t>(c), {}, recvs);
      for (int p = 1; p < size(); ++p)
        reduce_into(static_cast<uint8_t*>(recv) + i * width, parts[static_cast<size_t>(p)].data(), n, dtype, op);
    }
  } else {
    for (int64_t c = 0, i = 0; i < count; ++c, i += chunk_elems) {
      const int64_t n = std::min(chunk_elems, count - i);
      exchange("allreduce", base + static_cast<uint64_t>(c), {{0, const_cast<uint8_t*>(static_cast<const uint8_t*>(send)) + i * width, n * width}}, {});
    }
  }
  bcast_with(result, recv, bytes, 0);
}

}  // namespace deeprc::gloo_plugin
