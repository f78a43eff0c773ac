// Agreeing on failures across ranks (see dist_agree.h).
#include "dist/dist_agree.h"

#include <cstring>
#include <vector>

namespace deeprc::dist {

void agree_on_failure(comm::Communicator& comm, const std::optional<Error>& failure, bool name_rank) {
  if (comm.size() == 1) {
    if (failure) throw name_rank ? Error(failure->code(), std::string("rank 0: ") + failure->what()) : *failure;
    return;
  }
  const int64_t any = comm::allreduce_i64(comm, failure ? 1 : 0, comm::ReduceOp::Max);
  if (any == 0) return;
  // Blob: int32 code, then the message.
  std::vector<uint8_t> blob;
  if (failure) {
    const auto code = static_cast<int32_t>(failure->code());
    const std::string msg = failure->what();
    blob.resize(sizeof code + msg.size());
    std::memcpy(blob.data(), &code, sizeof code);
    std::memcpy(blob.data() + sizeof code, msg.data(), msg.size());
  }
  const auto all = comm::allgather_bytes(comm, blob);
  for (size_t r = 0; r < all.size(); ++r) {
    if (all[r].size() < sizeof(int32_t)) continue;
    int32_t code = 0;
    std::memcpy(&code, all[r].data(), sizeof code);
    std::string msg(all[r].begin() + sizeof code, all[r].end());
    if (name_rank) msg = "rank " + std::to_string(r) + ": " + msg;
    throw Error(static_cast<ErrorCode>(code), msg);
  }
  throw_internal("a rank reported a failure without a message");
}

}  // namespace deeprc::dist
