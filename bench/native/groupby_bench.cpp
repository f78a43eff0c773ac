// Groupby throughput on workload W3 (key int64 in [0, N/10), v float64): sum, mean, count of v
// grouped by key, fully materialised. Also a scalar sum of v for reference.
// Usage: groupby_bench [--rows N] [--threads T] [--reps R]
// Prints: bench=deeprc op=groupby rows=N threads=T seconds=S rows_per_s=R out_rows=G maxrss_mb=M
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "compute/aggregate.h"
#include "compute/groupby.h"
#include "gen/workloads.h"

using namespace deeprc;
using namespace deeprc::compute;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <typename F>
double seconds_of(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double maxrss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void print(const char* op, int64_t rows, int threads, double s, int64_t out_rows) {
  std::printf("bench=deeprc op=%s rows=%lld threads=%d seconds=%.6f rows_per_s=%.0f out_rows=%lld maxrss_mb=%.0f\n", op,
              static_cast<long long>(rows), threads, s, static_cast<double>(rows) / s, static_cast<long long>(out_rows),
              maxrss_mb());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 1'000'000;
  int threads = 1;
  int reps = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rows") == 0) rows = std::atoll(argv[i + 1]);
    else if (std::strcmp(argv[i], "--threads") == 0) threads = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--reps") == 0) reps = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: %s [--rows N] [--threads T] [--reps R]\n", argv[0]);
      return 2;
    }
  }
  reps = std::max(reps, 1);
  try {
    const Table t = gen::workload("W3", rows, 0, rows);
    std::printf("input_mb=%.0f maxrss_mb_after_gen=%.0f\n", static_cast<double>(rows) * 16 / 1048576.0, maxrss_mb());
    const std::vector<AggSpec> aggs{{"v", AggFunc::Sum, 0.5, ""}, {"v", AggFunc::Mean, 0.5, ""}, {"v", AggFunc::Count, 0.5, ""}};
    std::vector<double> times;
    Table out;
    for (int r = 0; r < reps; ++r) {
      out = Table();  // free the previous result outside the timed region
      times.push_back(seconds_of([&] { out = groupby(t, {"key"}, aggs, threads); }));
    }
    print("groupby", rows, threads, median(times), out.num_rows());
    std::vector<double> st;
    for (int r = 0; r < reps; ++r) st.push_back(seconds_of([&] { (void)aggregate(t.column("v"), AggFunc::Sum); }));
    print("scalar_sum", rows, 1, median(st), 1);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "groupby_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
