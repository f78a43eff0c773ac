// Distributed set operations (compute/set_ops.h semantics): both tables are shuffled on all
// columns, so equal rows meet on one rank, then the local operator runs. union_all moves nothing.
#pragma once
#include "arrow/table.h"
#include "comm/communicator.h"
#include "compute/set_ops.h"

namespace deeprc::dist {

// Collective. Schemas must agree across ranks and between a and b.
Table set_op(comm::Communicator& comm, const Table& a, const Table& b, compute::SetOp op, int threads);

}  // namespace deeprc::dist
