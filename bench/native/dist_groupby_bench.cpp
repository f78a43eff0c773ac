// Distributed groupby on in-process ranks (threads): W3's N rows (key int64, v float64) split
// evenly over R ranks (rank r generates its share, untimed), then dist::groupby(key; sum, mean,
// count of v) with one thread per rank, with each strategy in the same run: auto (the default),
// combine -> shuffle -> merge, and shuffling the raw rows (the baseline). --groups G folds the
// keys to G distinct values (key mod G; W3 has N/10), the regime where combining pays most.
// Usage: dist_groupby_bench [--rows N] [--ranks R] [--groups G] [--reps K]
// Prints: bench=deeprc op=dist_groupby rows=N threads=1 seconds=AUTO rows_per_s=... out_rows=G'
//         ranks=R groups=G' combine_s=C shuffle_rows_s=B combine_speedup=B/C auto_vs_best=AUTO/min(B,C)
#include <algorithm>
#include <cstdio>

#include "arrow/builder.h"
#include "bench_util.h"
#include "dist/dist_groupby.h"
#include "gen/workloads.h"
#include "thread_ranks.h"

using namespace deeprc;
using compute::AggFunc;
using compute::AggSpec;

namespace {

Table fold_keys(const Table& t, int64_t groups) {
  if (groups <= 0) return t;
  PrimitiveBuilder<int64_t> key(DataType(TypeId::Int64));
  const int64_t* k = t.column("key").values<int64_t>();
  for (int64_t i = 0; i < t.num_rows(); ++i) key.append(k[i] % groups);
  return Table(t.schema(), {key.finish(), t.column("v")}, t.num_rows());
}

bench::Timing run(const std::vector<Table>& parts, dist::GroupByStrategy strategy, int64_t* groups) {
  const auto ranks = static_cast<int>(parts.size());
  std::vector<int64_t> out(parts.size(), 0);
  const std::vector<AggSpec> aggs{{"v", AggFunc::Sum, 0.5, ""}, {"v", AggFunc::Mean, 0.5, ""}, {"v", AggFunc::Count, 0.5, ""}};
  const bench::Timing t = bench::time_on_thread_ranks(ranks, [&](comm::Communicator& c, int r) {
    out[static_cast<size_t>(r)] = dist::groupby(c, parts[static_cast<size_t>(r)], {"key"}, aggs, 1, strategy).num_rows();
  });
  *groups = 0;
  for (int64_t g : out) *groups += g;
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const std::initializer_list<bench::Option> extra = {{"--ranks", "R"}, {"--groups", "G"}};
  const bench::Args args = bench::parse_args(argc, argv, {}, extra);
  int ranks = 2;
  int64_t fold = 0;
  if (args.has("--ranks") && (!bench::parse_int(args.get("--ranks"), &ranks) || ranks < 1))
    bench::usage_exit(argv[0], extra, "--ranks must be a positive integer");
  if (args.has("--groups") && (!bench::parse_int(args.get("--groups"), &fold) || fold < 1))
    bench::usage_exit(argv[0], extra, "--groups must be a positive integer");
  const int64_t n = args.rows;
  try {
    std::vector<Table> parts;
    for (int r = 0; r < ranks; ++r) {
      const int64_t begin = n * r / ranks, end = n * (r + 1) / ranks;
      parts.push_back(fold_keys(gen::workload("W3", n, begin, end - begin), fold));
    }
    bench::Samples automatic, combine, raw;
    int64_t groups = 0, combine_groups = 0, raw_groups = 0;
    for (int k = 0; k < args.reps; ++k) {
      automatic.add(run(parts, dist::GroupByStrategy::Auto, &groups));
      combine.add(run(parts, dist::GroupByStrategy::Combine, &combine_groups));
      raw.add(run(parts, dist::GroupByStrategy::ShuffleRows, &raw_groups));
    }
    if (groups != raw_groups || combine_groups != raw_groups) {
      std::fprintf(stderr, "dist_groupby_bench: %lld groups (auto), %lld (combine), %lld (shuffling rows)\n",
                   static_cast<long long>(groups), static_cast<long long>(combine_groups),
                   static_cast<long long>(raw_groups));
      return 1;
    }
    const double a = automatic.wall_median(), c = combine.wall_median(), b = raw.wall_median();
    bench::print_result("dist_groupby", n, 1, a, groups,
                        {{"ranks", static_cast<double>(ranks), 0}, {"groups", static_cast<double>(groups), 0},
                         {"combine_s", c}, {"shuffle_rows_s", b}, {"combine_speedup", b / c, 3},
                         {"auto_vs_best", a / std::min(b, c), 3}});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dist_groupby_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
