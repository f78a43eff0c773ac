// Distributed groupby: combine -> shuffle -> merge for decomposable aggregates, a stable raw-row
// shuffle then the local groupby otherwise (dist_groupby.h).
#include "dist/dist_groupby.h"

#include "compute/groupby.h"
#include "dist/groupby_partials.h"
#include "dist/table_exchange.h"

namespace deeprc::dist {

Table groupby(comm::Communicator& comm, const Table& table, const std::vector<std::string>& keys,
              const std::vector<compute::AggSpec>& aggs, int threads, GroupByStrategy strategy) {
  check_same_schema(comm, table.schema(), "groupby");
  if (comm.size() == 1) return compute::groupby(table, keys, aggs, threads);
  // The result schema, and every key/aggregate error, exactly as the local groupby reports them
  // (identical on every rank, because the schemas agree), before any data moves.
  const Schema result_schema = compute::groupby(table.slice(0, 0), keys, aggs, threads).schema();
  if (strategy == GroupByStrategy::Auto && all_decomposable(aggs)) {
    const PartialPlan plan = plan_partials(table.schema(), aggs);
    const Table partials = shuffle(comm, compute::groupby(table, keys, plan.partial, threads), keys, threads);
    return merge_partials(partials, keys, aggs, table.schema(), result_schema, threads);
  }
  return compute::groupby(shuffle(comm, table, keys, threads), keys, aggs, threads);
}

}  // namespace deeprc::dist
