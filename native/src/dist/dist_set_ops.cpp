// Distributed set operations: shuffle on every column, then the local set operation.
#include "dist/dist_set_ops.h"

#include "dist/dist_agree.h"
#include "dist/table_exchange.h"

namespace deeprc::dist {

Table set_op(comm::Communicator& comm, const Table& a, const Table& b, compute::SetOp op, int threads) {
  check_same_schema(comm, a.schema(), "first table of the set operation");
  check_same_schema(comm, b.schema(), "second table of the set operation");
  agreed(comm, [&] {
    compute::check_set_op_schemas(a.schema(), b.schema());
    return 0;
  });
  if (op == compute::SetOp::UnionAll) return compute::set_op(a, b, op, threads);
  std::vector<std::string> keys;
  for (int c = 0; c < a.num_columns(); ++c) keys.push_back(a.schema().field(c).name);
  std::vector<std::string> bkeys;
  for (int c = 0; c < b.num_columns(); ++c) bkeys.push_back(b.schema().field(c).name);
  const Table sa = shuffle(comm, a, keys, threads);
  const Table sb = shuffle(comm, b, bkeys, threads);
  return compute::set_op(sa, sb, op, threads);
}

}  // namespace deeprc::dist
