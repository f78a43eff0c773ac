// W1 join throughput: W1L ⋈ W1R inner on "key" (int64 uniform in [0, N), float64 payloads),
// result fully materialised (key, v_x, v_y). Tables are generated outside the timed region.
// Usage: join_bench [--rows N] [--threads T] [--reps R]
// Prints: bench=deeprc op=join rows=N threads=T seconds=S rows_per_s=R out_rows=M cpu_s=C
// (median wall seconds; cpu_s = median process CPU seconds of the join, all threads)
#include <cstdio>

#include "bench_util.h"
#include "compute/join.h"
#include "gen/workloads.h"

using namespace deeprc;

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(argc, argv);
  const int64_t rows = args.rows;
  try {
    const Table l = gen::workload("W1L", rows, 0, rows);
    const Table r = gen::workload("W1R", rows, 0, rows);
    compute::JoinOptions o;
    o.left_on = {"key"};
    o.num_threads = args.threads;
    bench::Samples times;
    int64_t out_rows = 0;
    for (int k = 0; k < args.reps; ++k) {
      Table out;
      times.add(bench::time_it([&] { out = compute::join(l, r, o); }));
      out_rows = out.num_rows();
    }  // the result is freed outside the timed region
    bench::print_result("join", rows, args.threads, times.wall_median(), out_rows, {{"cpu_s", times.cpu_median()}});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "join_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
