// Global row positions of a distributed table: row count, slice/head/tail by global offsets (each
// rank keeps its own part, zero-copy) and rebalance (equal shares, global order kept).
#pragma once
#include <cstdint>

#include "arrow/table.h"
#include "comm/communicator.h"

namespace deeprc::dist {

// Total rows over all ranks (the same on every rank). Collective.
int64_t num_rows(comm::Communicator& comm, const Table& table);

// Global rows [offset, offset+length) (length < 0: to the end). Invalid for offset < 0.
Table slice(comm::Communicator& comm, const Table& table, int64_t offset, int64_t length);
// The first / last min(n, total) global rows. Invalid for n < 0.
Table head(comm::Communicator& comm, const Table& table, int64_t n);
Table tail(comm::Communicator& comm, const Table& table, int64_t n);

// Moves rows so that rank r holds total/size rows, plus one for r < total % size, in global order.
Table rebalance(comm::Communicator& comm, const Table& table);

}  // namespace deeprc::dist
