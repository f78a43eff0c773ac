// Typed helpers over the byte collectives of Communicator.
#include <numeric>
#include <vector>

#include "comm/communicator.h"
#include "core/error.h"

namespace deeprc::comm {

int64_t exclusive_scan(std::span<const int64_t> counts, std::span<int64_t> displs) {
  int64_t total = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    displs[i] = total;
    total += counts[i];
  }
  return total;
}

std::vector<int64_t> allgather_i64(Communicator& comm, int64_t value) {
  const auto p = static_cast<size_t>(comm.size());
  std::vector<int64_t> out(p), counts(p, 8), displs(p);
  exclusive_scan(counts, displs);
  comm.allgatherv(&value, 8, out.data(), counts.data(), displs.data());
  return out;
}

std::vector<int64_t> alltoall_i64(Communicator& comm, std::span<const int64_t> counts) {
  const auto p = static_cast<size_t>(comm.size());
  DRC_CHECK(counts.size() == p, "alltoall_i64 needs one value per rank");
  std::vector<int64_t> out(p), bytes(p, 8), displs(p);
  exclusive_scan(bytes, displs);
  comm.alltoallv(counts.data(), bytes.data(), displs.data(), out.data(), bytes.data(), displs.data());
  return out;
}

int64_t allreduce_i64(Communicator& comm, int64_t value, ReduceOp op) {
  int64_t out = 0;
  comm.allreduce(&value, &out, 1, TypeId::Int64, op);
  return out;
}

double allreduce_f64(Communicator& comm, double value, ReduceOp op) {
  double out = 0;
  comm.allreduce(&value, &out, 1, TypeId::Float64, op);
  return out;
}

std::vector<std::vector<uint8_t>> allgather_bytes(Communicator& comm, std::span<const uint8_t> blob) {
  const std::vector<int64_t> sizes = allgather_i64(comm, static_cast<int64_t>(blob.size()));
  std::vector<int64_t> displs(sizes.size());
  const int64_t total = exclusive_scan(sizes, displs);
  std::vector<uint8_t> all(static_cast<size_t>(total));
  comm.allgatherv(blob.data(), static_cast<int64_t>(blob.size()), all.data(), sizes.data(), displs.data());
  std::vector<std::vector<uint8_t>> out;
  for (size_t r = 0; r < sizes.size(); ++r)
    out.emplace_back(all.begin() + displs[r], all.begin() + displs[r] + sizes[r]);
  return out;
}

std::vector<uint8_t> bcast_bytes(Communicator& comm, std::span<const uint8_t> blob, int root) {
  int64_t size = comm.rank() == root ? static_cast<int64_t>(blob.size()) : 0;
  comm.bcast(&size, 8, root);
  std::vector<uint8_t> out(static_cast<size_t>(size));
  if (comm.rank() == root && size > 0) std::copy(blob.begin(), blob.end(), out.begin());
  comm.bcast(out.data(), size, root);
  return out;
}

}  // namespace deeprc::comm
