// An in-process group: P ranks driven by P threads of one process, exchanging through shared
// memory. Every collective is: publish this rank's arguments in its slot, barrier, copy from the
// peers' slots, barrier (so that no rank returns, and reuses its buffers, while a peer still
// reads them). Waiting is a condition variable, never a spin.
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "comm/communicator.h"
#include "comm/reduce.h"
#include "core/error.h"

namespace deeprc::comm {
namespace {

struct Slot {
  const void* send = nullptr;
  const int64_t* scounts = nullptr;
  const int64_t* sdispls = nullptr;
  int64_t count = 0;
};

struct GroupState {
  explicit GroupState(int n) : size(n), slots(static_cast<size_t>(n)) {}
  const int size;
  std::mutex mu;
  std::condition_variable cv;
  int arrived = 0;
  uint64_t generation = 0;
  std::vector<Slot> slots;
  // Sub-groups being created: (member ranks, tag) -> state and how many members still have to pick it up.
  std::map<std::pair<std::vector<int>, int64_t>, std::pair<std::shared_ptr<GroupState>, int>> pending;

  void barrier() {
    std::unique_lock lock(mu);
    const uint64_t gen = generation;
    if (++arrived == size) {
      arrived = 0;
      ++generation;
      cv.notify_all();
      return;
    }
    cv.wait(lock, [&] { return generation != gen; });
  }
};

class ThreadComm final : public Communicator {
 public:
  ThreadComm(std::shared_ptr<GroupState> state, int rank) : state_(std::move(state)), rank_(rank) {}

  int rank() const override { return rank_; }
  int size() const override { return state_->size; }
  std::string backend() const override { return "threads"; }
  void barrier() override { state_->barrier(); }

  void alltoallv(const void* send, const int64_t* scounts, const int64_t* sdispls, void* recv, const int64_t* rcounts,
                 const int64_t* rdispls) override {
    publish({send, scounts, sdispls, 0});
    std::string error;
    for (int s = 0; s < size(); ++s) {
      const Slot& peer = slot(s);
      const int64_t n = peer.scounts[rank_];
      if (n != rcounts[s]) {
        error = mismatch("alltoallv", s, n, rcounts[s]);
        continue;
      }
      copy(static_cast<uint8_t*>(recv) + rdispls[s], static_cast<const uint8_t*>(peer.send) + peer.sdispls[rank_], n);
    }
    finish(error);
  }

  void allgatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls) override {
    publish({send, nullptr, nullptr, count});
    std::string error = gather_from_all(recv, rcounts, rdispls, "allgatherv");
    finish(error);
  }

  void gatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls,
               int root) override {
    check_root(root);
    publish({send, nullptr, nullptr, count});
    std::string error = rank_ == root ? gather_from_all(recv, rcounts, rdispls, "gatherv") : std::string();
    finish(error);
  }

  void bcast(void* buffer, int64_t bytes, int root) override {
    check_root(root);
    publish({buffer, nullptr, nullptr, bytes});
    std::string error;
    if (rank_ != root) {
      const Slot& r = slot(root);
      if (r.count != bytes) error = mismatch("bcast", root, r.count, bytes);
      else copy(buffer, r.send, bytes);
    }
    finish(error);
  }

  void allreduce(const void* send, void* recv, int64_t count, TypeId type, ReduceOp op) override {
    check_reducible(type, "allreduce");
    const int64_t bytes = count * byte_width(type);
    publish({send, nullptr, nullptr, bytes});
    // Reduce in rank order into a private buffer: `send` may alias `recv`, and peers read our
    // send buffer until the second barrier.
    std::vector<uint8_t> acc(static_cast<size_t>(bytes));
    std::string error;
    for (int s = 0; s < size(); ++s) {
      const Slot& peer = slot(s);
      if (peer.count != bytes) {
        error = mismatch("allreduce", s, peer.count, bytes);
        continue;
      }
      if (s == 0) copy(acc.data(), peer.send, bytes);
      else reduce_into(acc.data(), peer.send, count, type, op);
    }
    state_->barrier();
    if (!error.empty()) throw_invalid(error);
    copy(recv, acc.data(), bytes);
  }

  std::unique_ptr<Communicator> create_group(std::span<const int> ranks, int64_t tag) override {
    std::vector<int> members(ranks.begin(), ranks.end());
    int my_index = -1;
    for (size_t i = 0; i < members.size(); ++i) {
      if (members[i] < 0 || members[i] >= size() || (i > 0 && members[i] <= members[i - 1]))
        throw_invalid("create_group: ranks must be strictly increasing and in [0, " + std::to_string(size()) + ")");
      if (members[i] == rank_) my_index = static_cast<int>(i);
    }
    if (my_index < 0) throw_invalid("create_group: rank " + std::to_string(rank_) + " is not among the ranks");
    std::shared_ptr<GroupState> group;
    {
      std::lock_guard lock(state_->mu);
      auto key = std::make_pair(members, tag);
      auto it = state_->pending.find(key);
      if (it == state_->pending.end())
        it = state_->pending.emplace(key, std::make_pair(std::make_shared<GroupState>(static_cast<int>(members.size())),
                                                         static_cast<int>(members.size())))
                 .first;
      group = it->second.first;
      if (--it->second.second == 0) state_->pending.erase(it);
    }
    return std::make_unique<ThreadComm>(std::move(group), my_index);
  }

  void close() override {}

 private:
  const Slot& slot(int r) const { return state_->slots[static_cast<size_t>(r)]; }

  void publish(const Slot& mine) {
    state_->slots[static_cast<size_t>(rank_)] = mine;
    state_->barrier();
  }

  // Second barrier, then report a mismatch found by this rank.
  void finish(const std::string& error) {
    state_->barrier();
    if (!error.empty()) throw_invalid(error);
  }

  std::string gather_from_all(void* recv, const int64_t* rcounts, const int64_t* rdispls, const char* what) {
    std::string error;
    for (int s = 0; s < size(); ++s) {
      const Slot& peer = slot(s);
      if (peer.count != rcounts[s]) {
        error = mismatch(what, s, peer.count, rcounts[s]);
        continue;
      }
      copy(static_cast<uint8_t*>(recv) + rdispls[s], peer.send, peer.count);
    }
    return error;
  }

  void check_root(int root) const {
    if (root < 0 || root >= size())
      throw_invalid("root " + std::to_string(root) + " is out of range for a communicator of size " +
                    std::to_string(size()));
  }

  std::string mismatch(const char* what, int peer, int64_t sent, int64_t expected) const {
    return std::string(what) + ": rank " + std::to_string(peer) + " sends " + std::to_string(sent) + " bytes but rank " +
           std::to_string(rank_) + " expects " + std::to_string(expected);
  }

  static void copy(void* dst, const void* src, int64_t n) {
    if (n > 0 && dst != src) std::memcpy(dst, src, static_cast<size_t>(n));
  }

  std::shared_ptr<GroupState> state_;
  int rank_;
};

}  // namespace

std::vector<std::unique_ptr<Communicator>> make_thread_group(int size) {
  if (size < 1) throw_invalid("thread group size must be >= 1, got " + std::to_string(size));
  auto state = std::make_shared<GroupState>(size);
  std::vector<std::unique_ptr<Communicator>> out;
  for (int r = 0; r < size; ++r) out.push_back(std::make_unique<ThreadComm>(state, r));
  return out;
}

}  // namespace deeprc::comm
