// Distributed unique: stable hash shuffle on the subset, then the local unique (dist_unique.h).
#include "dist/dist_unique.h"

#include "dist/table_exchange.h"

namespace deeprc::dist {
namespace {

std::vector<std::string> all_column_names(const Table& table) {
  std::vector<std::string> out;
  for (int i = 0; i < table.num_columns(); ++i) out.push_back(table.schema().field(i).name);
  return out;
}

}  // namespace

Table unique(comm::Communicator& comm, const Table& table, const std::vector<std::string>& subset,
             compute::Keep keep, int threads) {
  check_same_schema(comm, table.schema(), "unique");
  if (comm.size() == 1) return compute::unique(table, subset, keep, threads);
  const std::vector<std::string> keys = subset.empty() ? all_column_names(table) : subset;
  const Table part = shuffle(comm, table, keys, threads);
  return compute::unique(part, subset, keep, threads);
}

}  // namespace deeprc::dist
