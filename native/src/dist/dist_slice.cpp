// Global offsets, slicing and rebalancing (see dist_slice.h).
#include "dist/dist_slice.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.h"
#include "dist/table_exchange.h"

namespace deeprc::dist {
namespace {

struct Position {
  int64_t first = 0;  // global index of this rank's first row
  int64_t total = 0;
};

Position position(comm::Communicator& comm, const Table& table) {
  const auto counts = comm::allgather_i64(comm, table.num_rows());
  Position p;
  for (int r = 0; r < comm.size(); ++r) {
    if (r < comm.rank()) p.first += counts[static_cast<size_t>(r)];
    p.total += counts[static_cast<size_t>(r)];
  }
  return p;
}

// This rank's part of global rows [begin, end).
Table local_part(const Table& table, const Position& pos, int64_t begin, int64_t end) {
  const int64_t b = std::clamp(begin - pos.first, int64_t{0}, table.num_rows());
  const int64_t e = std::clamp(end - pos.first, b, table.num_rows());
  return table.slice(b, e - b);
}

}  // namespace

int64_t num_rows(comm::Communicator& comm, const Table& table) {
  return comm::allreduce_i64(comm, table.num_rows(), comm::ReduceOp::Sum);
}

Table slice(comm::Communicator& comm, const Table& table, int64_t offset, int64_t length) {
  if (offset < 0) throw_invalid("slice: offset must be >= 0, got " + std::to_string(offset));
  check_same_schema(comm, table.schema(), "distributed slice");
  const Position pos = position(comm, table);
  const int64_t end = length < 0 || length > pos.total - std::min(offset, pos.total) ? pos.total : offset + length;
  return local_part(table, pos, offset, end);
}

Table head(comm::Communicator& comm, const Table& table, int64_t n) {
  if (n < 0) throw_invalid("head: n must be >= 0, got " + std::to_string(n));
  return slice(comm, table, 0, n);
}

Table tail(comm::Communicator& comm, const Table& table, int64_t n) {
  if (n < 0) throw_invalid("tail: n must be >= 0, got " + std::to_string(n));
  check_same_schema(comm, table.schema(), "distributed tail");
  const Position pos = position(comm, table);
  return local_part(table, pos, pos.total - std::min(n, pos.total), pos.total);
}

Table rebalance(comm::Communicator& comm, const Table& table) {
  check_same_schema(comm, table.schema(), "rebalance");
  const Position pos = position(comm, table);
  const int p = comm.size();
  const int64_t base = pos.total / p, extra = pos.total % p;
  auto start_of = [&](int64_t d) { return d * base + std::min(d, extra); };  // global first row of rank d
  std::vector<int64_t> offsets(static_cast<size_t>(p) + 1);
  for (int d = 0; d <= p; ++d)
    offsets[static_cast<size_t>(d)] = std::clamp(start_of(d) - pos.first, int64_t{0}, table.num_rows());
  return exchange_rows(comm, table, offsets);
}

}  // namespace deeprc::dist
