// The collectives of the plugin, written on gloo's point-to-point unbound buffers so that sizes
// are 64-bit, every message is chunked (kChunkBytes, so no int overflow and bounded in-flight
// data; tests shrink it with $DEEPRC_GLOO_CHUNK_BYTES) and a failure names the peer. Every call consumes one operation number, the same on
// every rank, which keys the message slots.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gloo/context.h"

namespace deeprc::gloo_plugin {

constexpr int64_t kChunkBytes = int64_t{64} << 20;

// kChunkBytes, or $DEEPRC_GLOO_CHUNK_BYTES (>= 1) so that tests reach the multi-chunk paths
// with small inputs.
int64_t chunk_bytes_from_env();

class Collectives {
 public:
  Collectives(std::shared_ptr<::gloo::Context> ctx, std::chrono::milliseconds timeout)
      : ctx_(std::move(ctx)), timeout_(timeout), chunk_(chunk_bytes_from_env()) {}

  int rank() const { return ctx_->rank; }
  int size() const { return ctx_->size; }
  ::gloo::Context& context() { return *ctx_; }
  const std::shared_ptr<::gloo::Context>& context_ptr() const { return ctx_; }

  void barrier();
  void alltoallv(const void* send, const int64_t* scounts, const int64_t* sdispls, void* recv, const int64_t* rcounts,
                 const int64_t* rdispls);
  void allgatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls);
  void gatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls, int root);
  void bcast(void* buffer, int64_t bytes, int root);
  void allreduce(const void* send, void* recv, int64_t count, int32_t dtype, int32_t op);

  // After a failure the connections are closed (late messages must not land in freed buffers)
  // and every later call fails with the first error.
  bool broken() const { return !broken_.empty(); }
  const std::string& broken_reason() const { return broken_; }

  struct Transfer {
    int peer;
    void* ptr;
    int64_t bytes;
  };

 private:
  uint64_t next_op();
  void check_usable() const;
  // Posts every send and receive (chunk by chunk, all peers at once per chunk) and waits for
  // them; slots are slot_base + chunk index. `checked`: first every sender tells each receiver
  // its byte count (8 bytes, also for empty transfers), so that disagreeing counts are an error
  // naming both ranks instead of an overlong message, which gloo's I/O thread aborts on.
  void exchange(const char* what, uint64_t slot_base, const std::vector<Transfer>& sends,
                const std::vector<Transfer>& recvs, bool checked = true);
  [[noreturn]] void fail_broken(int32_t code, const std::string& msg);
  void bcast_with(uint64_t slot_base, void* buffer, int64_t bytes, int root);
  void check_rank(int r, const char* what) const;

  std::shared_ptr<::gloo::Context> ctx_;
  std::chrono::milliseconds timeout_;
  int64_t chunk_;
  uint32_t op_ = 0;
  std::string broken_;
  std::vector<std::unique_ptr<::gloo::transport::UnboundBuffer>> graveyard_;  // buffers of failed ops
};

}  // namespace deeprc::gloo_plugin
