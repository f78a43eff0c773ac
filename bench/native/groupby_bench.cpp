// Groupby throughput on workload W3 (key int64 in [0, N/10), v float64): sum, mean, count of v
// grouped by key, fully materialised. Also a scalar sum of v for reference.
// Usage: groupby_bench [--rows N] [--threads T] [--reps R]
// Prints: bench=deeprc op=groupby rows=N threads=T seconds=S rows_per_s=R out_rows=G peak_rss_mb=M
#include <cstdio>
#include <vector>

#include "bench_util.h"
#include "compute/aggregate.h"
#include "compute/groupby.h"
#include "gen/workloads.h"

using namespace deeprc;
using namespace deeprc::compute;

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(argc, argv);
  const int64_t rows = args.rows;
  const int threads = args.threads;
  try {
    const Table t = gen::workload("W3", rows, 0, rows);
    std::printf("input_mb=%.0f maxrss_mb_after_gen=%.0f\n", static_cast<double>(rows) * 16 / 1048576.0,
                bench::peak_rss_mb());
    const std::vector<AggSpec> aggs{{"v", AggFunc::Sum, 0.5, ""}, {"v", AggFunc::Mean, 0.5, ""}, {"v", AggFunc::Count, 0.5, ""}};
    bench::Samples times;
    Table out;
    for (int r = 0; r < args.reps; ++r) {
      out = Table();  // free the previous result outside the timed region
      times.add(bench::time_it([&] { out = groupby(t, {"key"}, aggs, threads); }));
    }
    bench::print_result("groupby", rows, threads, times.wall_median(), out.num_rows(),
                        {{"peak_rss_mb", bench::peak_rss_mb(), 0}});
    bench::Samples st;
    for (int r = 0; r < args.reps; ++r)
      st.add(bench::time_it([&] { (void)aggregate(t.column("v"), AggFunc::Sum); }));
    bench::print_result("scalar_sum", rows, 1, st.wall_median(), 1, {{"peak_rss_mb", bench::peak_rss_mb(), 0}});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "groupby_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
