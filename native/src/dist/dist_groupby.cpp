// Distributed groupby: stable hash shuffle of the raw rows on the keys, then the local groupby
// (see dist_groupby.h for the strategy and what is not done yet).
#include "dist/dist_groupby.h"

#include "compute/groupby.h"
#include "dist/table_exchange.h"

namespace deeprc::dist {

Table groupby(comm::Communicator& comm, const Table& table, const std::vector<std::string>& keys,
              const std::vector<compute::AggSpec>& aggs, int threads) {
  check_same_schema(comm, table.schema(), "groupby");
  if (comm.size() == 1) return compute::groupby(table, keys, aggs, threads);
  if (keys.empty()) {
    // One global group: everything to rank 0, empty (same schema) elsewhere.
    const Table all = gather_table(comm, table, 0);
    const Table out = compute::groupby(all, keys, aggs, threads);
    return comm.rank() == 0 ? out : out.slice(0, 0);
  }
  const Table part = shuffle(comm, table, keys, threads);
  return compute::groupby(part, keys, aggs, threads);
}

}  // namespace deeprc::dist
