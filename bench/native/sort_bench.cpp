// Sort throughput on workload W2 (key int64 uniform over [0, 2^63), v float64), sorted by key with
// the full table materialised.
// Usage: sort_bench [--rows N] [--threads T] [--reps R] [--key COL] [--desc]
// Prints: bench=deeprc op=sort rows=N threads=T seconds=S rows_per_s=R out_rows=N cpu_s=C
//         (plus op=sort_indices for the index computation alone) and peak RSS in MiB.
// cpu_s is the median process CPU seconds (user+sys of all our threads): on a shared, loaded
// machine it is the steadier figure; on an idle machine with one thread it agrees with seconds.
#include <cstdio>
#include <string>
#include <vector>

#include "bench_util.h"
#include "compute/sort.h"
#include "gen/workloads.h"

using namespace deeprc;

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(argc, argv, {}, {{"--key", "COL"}, {"--desc", nullptr}});
  const int64_t rows = args.rows;
  const int threads = args.threads;
  const std::string key = args.get("--key", "key");
  const bool desc = args.has("--desc");
  try {
    const Table t = gen::workload("W2", rows, 0, rows);
    const std::vector<compute::SortKey> keys{{key, desc, false}};
    bench::Samples it;
    for (int r = 0; r < args.reps; ++r) {
      Array idx;
      it.add(bench::time_it([&] { idx = compute::sort_indices(t, keys, threads); }));
    }
    bench::print_result("sort_indices", rows, threads, it.wall_median(), rows, {{"cpu_s", it.cpu_median()}});
    bench::Samples st;
    Table out;
    for (int r = 0; r < args.reps; ++r) {
      out = Table();  // free the previous result outside the timed region
      st.add(bench::time_it([&] { out = compute::sort(t, keys, threads); }));
    }
    bench::print_result("sort", rows, threads, st.wall_median(), out.num_rows(), {{"cpu_s", st.cpu_median()}});
    if (!compute::is_sorted(out, keys)) std::fprintf(stderr, "WARNING: result is not sorted\n");
    std::printf("bench=deeprc op=sort peak_rss_mb=%.1f input_mib=%.1f\n", bench::peak_rss_mb(),
                static_cast<double>(rows) * 16.0 / (1024.0 * 1024.0));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sort_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
