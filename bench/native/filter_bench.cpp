// Expression filter of W4 ("b < 0.5 and c > 0" by default), the result fully materialised.
// Usage: filter_bench [--rows N] [--threads T] [--reps R] [--where EXPR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "compute/expr_filter.h"
#include "compute/expr_parser.h"
#include "core/thread_pool.h"
#include "gen/workloads.h"

using namespace deeprc;

namespace {
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 10'000'000;
  int threads = 0, reps = 5;
  std::string where = "b < 0.5 and c > 0";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rows") == 0) rows = std::atoll(argv[i + 1]);
    else if (std::strcmp(argv[i], "--threads") == 0) threads = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--reps") == 0) reps = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--where") == 0) where = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: %s [--rows N] [--threads T] [--reps R] [--where EXPR]\n", argv[0]);
      return 2;
    }
  }
  try {
    const Table t = gen::workload("W4", rows, 0, rows);
    auto pred = compute::parse_expression(where);
    std::vector<double> secs;
    int64_t out_rows = 0;
    for (int r = 0; r < reps; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      Table out = compute::filter(t, *pred, threads);
      secs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      out_rows = out.num_rows();
    }
    const double s = median(secs);
    std::printf("bench=deeprc op=filter rows=%lld threads=%d seconds=%.6f rows_per_s=%.0f out_rows=%lld\n",
                static_cast<long long>(rows), resolve_threads(threads), s, static_cast<double>(rows) / s,
                static_cast<long long>(out_rows));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "filter_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
