// Distributed groupby: combine -> shuffle -> merge for decomposable aggregates, a stable raw-row
// shuffle then the local groupby otherwise (dist_groupby.h).
#include "dist/dist_groupby.h"

#include <algorithm>

#include "compute/groupby.h"
#include "dist/groupby_partials.h"
#include "dist/table_exchange.h"

namespace deeprc::dist {
namespace {

// Auto's collective decision (dist_groupby.h): does combining reduce the rows enough?
bool combine_pays(comm::Communicator& comm, const Table& table, const std::vector<std::string>& keys, int threads) {
  const int64_t n = table.num_rows();
  const int64_t probe_rows = std::min(n, std::max(kGroupByProbeMinRows, n / 16));
  const int64_t groups = probe_rows == 0 ? 0 : compute::groupby(table.slice(0, probe_rows), keys, {}, threads).num_rows();
  const int64_t local[2] = {groups, probe_rows};
  int64_t total[2] = {0, 0};
  comm.allreduce(local, total, 2, TypeId::Int64, comm::ReduceOp::Sum);
  return total[1] == 0 || static_cast<double>(total[0]) <= kGroupByCombineMaxRatio * static_cast<double>(total[1]);
}

}  // namespace

Table groupby(comm::Communicator& comm, const Table& table, const std::vector<std::string>& keys,
              const std::vector<compute::AggSpec>& aggs, int threads, GroupByStrategy strategy) {
  check_same_schema(comm, table.schema(), "groupby");
  if (comm.size() == 1) return compute::groupby(table, keys, aggs, threads);
  // The result schema, and every key/aggregate error, exactly as the local groupby reports them
  // (identical on every rank, because the schemas agree), before any data moves.
  const Schema result_schema = compute::groupby(table.slice(0, 0), keys, aggs, threads).schema();
  const bool combine = all_decomposable(aggs) && (strategy == GroupByStrategy::Combine ||
                                                  (strategy == GroupByStrategy::Auto && combine_pays(comm, table, keys, threads)));
  if (combine) {
    const PartialPlan plan = plan_partials(table.schema(), aggs);
    const Table partials = shuffle(comm, compute::groupby(table, keys, plan.partial, threads), keys, threads);
    return merge_partials(partials, keys, aggs, table.schema(), result_schema, threads);
  }
  return compute::groupby(shuffle(comm, table, keys, threads), keys, aggs, threads);
}

}  // namespace deeprc::dist
