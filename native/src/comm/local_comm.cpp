// The size-1 communicator: every collective is a copy within this rank.
#include <cstring>
#include <string>

#include "comm/communicator.h"
#include "comm/reduce.h"
#include "core/error.h"

namespace deeprc::comm {
namespace {

void copy_bytes(void* dst, const void* src, int64_t n) {
  if (n > 0 && dst != src) std::memmove(dst, src, static_cast<size_t>(n));
}

void check_count(int64_t sent, int64_t expected, const char* what) {
  if (sent != expected)
    throw_invalid(std::string(what) + ": rank 0 sends " + std::to_string(sent) + " bytes but expects to receive " +
                  std::to_string(expected));
}

void check_root(int root) {
  if (root != 0) throw_invalid("root " + std::to_string(root) + " is out of range for a communicator of size 1");
}

class LocalComm final : public Communicator {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  std::string backend() const override { return "local"; }
  void barrier() override {}
  void alltoallv(const void* send, const int64_t* scounts, const int64_t* sdispls, void* recv, const int64_t* rcounts,
                 const int64_t* rdispls) override {
    check_count(scounts[0], rcounts[0], "alltoallv");
    copy_bytes(static_cast<uint8_t*>(recv) + rdispls[0], static_cast<const uint8_t*>(send) + sdispls[0], scounts[0]);
  }
  void allgatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls) override {
    check_count(count, rcounts[0], "allgatherv");
    copy_bytes(static_cast<uint8_t*>(recv) + rdispls[0], send, count);
  }
  void gatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls,
               int root) override {
    check_root(root);
    allgatherv(send, count, recv, rcounts, rdispls);
  }
  void bcast(void*, int64_t, int root) override { check_root(root); }
  void allreduce(const void* send, void* recv, int64_t count, TypeId type, ReduceOp) override {
    check_reducible(type, "allreduce");
    copy_bytes(recv, send, count * byte_width(type));
  }
  std::unique_ptr<Communicator> create_group(std::span<const int> ranks, int64_t) override {
    if (ranks.size() != 1 || ranks[0] != 0) throw_invalid("create_group: a size-1 communicator only has rank 0");
    return make_local();
  }
  void close() override {}
};

}  // namespace

std::unique_ptr<Communicator> make_local() { return std::make_unique<LocalComm>(); }

}  // namespace deeprc::comm
