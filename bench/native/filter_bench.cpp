// Expression filter of W4 ("b < 0.5 and c > 0" by default), the result fully materialised.
// Usage: filter_bench [--rows N] [--threads T] [--reps R] [--where EXPR]
#include <cstdio>
#include <string>

#include "bench_util.h"
#include "compute/expr_filter.h"
#include "compute/expr_parser.h"
#include "core/thread_pool.h"
#include "gen/workloads.h"

using namespace deeprc;

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(argc, argv, {10'000'000, 0, 5}, {{"--where", "EXPR"}});
  const int64_t rows = args.rows;
  const std::string where = args.get("--where", "b < 0.5 and c > 0");
  try {
    const Table t = gen::workload("W4", rows, 0, rows);
    auto pred = compute::parse_expression(where);
    bench::Samples secs;
    int64_t out_rows = 0;
    for (int r = 0; r < args.reps; ++r) {
      Table out;
      secs.add(bench::time_it([&] { out = compute::filter(t, *pred, args.threads); }));
      out_rows = out.num_rows();
    }  // the result is freed outside the timed region
    bench::print_result("filter", rows, resolve_threads(args.threads), secs.wall_median(), out_rows);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "filter_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
