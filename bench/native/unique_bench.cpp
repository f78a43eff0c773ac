// unique on workload W5 (key int64 uniform in [0, N/2), v float64).
// Usage: unique_bench [--rows N] [--threads T] [--reps R] [--op unique|drop_duplicates]
// Prints (median of reps, result fully materialised):
//   bench=deeprc op=unique ...           distinct values of the key column (SELECT DISTINCT key)
//   bench=deeprc op=drop_duplicates ...  whole rows deduplicated on key, keeping the first
#include <cstdio>
#include <cstring>

#include "bench_util.h"
#include "compute/unique.h"
#include "gen/workloads.h"

using namespace deeprc;

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(argc, argv, {}, {{"--op", "unique|drop_duplicates"}});
  const int64_t rows = args.rows;
  const int threads = args.threads;
  const char* only = args.get("--op");
  try {
    const Table t = gen::workload("W5", rows, 0, rows);
    std::printf("# input peak_rss_mb=%.0f\n", bench::peak_rss_mb());
    if (!only || std::strcmp(only, "unique") == 0) {
      bench::Samples times;
      Array out;
      for (int r = 0; r < args.reps; ++r) {
        out = Array();  // free the previous result outside the timed region
        times.add(bench::time_it([&] { out = compute::distinct_values(t.column("key"), threads); }));
      }
      bench::print_result("unique", rows, threads, times.wall_median(), out.length(),
                          {{"cpu_s", times.cpu_median(), 3}, {"peak_rss_mb", bench::peak_rss_mb(), 0}});
    }
    if (!only || std::strcmp(only, "drop_duplicates") == 0) {
      bench::Samples times;
      Table out;
      for (int r = 0; r < args.reps; ++r) {
        out = Table();
        times.add(bench::time_it([&] { out = compute::unique(t, {"key"}, compute::Keep::First, threads); }));
      }
      bench::print_result("drop_duplicates", rows, threads, times.wall_median(), out.num_rows(),
                          {{"cpu_s", times.cpu_median(), 3}, {"peak_rss_mb", bench::peak_rss_mb(), 0}});
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unique_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
