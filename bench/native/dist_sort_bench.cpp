// Distributed sample sort throughput on in-process ranks (threads): W2's N rows split evenly over
// R ranks (rank r generates its share, untimed), then dist::sort on "key" (one thread per rank).
// Baseline in the same run: the 1-rank run (dist::sort on one rank = the local stable sort of all
// N rows on one thread); ratio = R-rank seconds / 1-rank seconds, speedup = its inverse.
// Usage: dist_sort_bench [--rows N] [--ranks R] [--reps K]
// Prints: bench=deeprc op=dist_sort rows=N threads=1 seconds=S rows_per_s=... out_rows=N ranks=R
//         baseline_s=B ratio=S/B speedup=B/S
#include <cstdio>

#include "bench_util.h"
#include "dist/dist_sort.h"
#include "gen/workloads.h"
#include "thread_ranks.h"

using namespace deeprc;

namespace {

// One timed dist::sort over `ranks` thread ranks; returns the rows received in total and checks
// that rank boundaries are ordered (last key of rank r <= first key of rank r+1).
bench::Timing run(const std::vector<Table>& parts, int ranks, int64_t* out_rows, bool* ordered) {
  std::vector<Table> outs(static_cast<size_t>(ranks));
  const bench::Timing t = bench::time_on_thread_ranks(ranks, [&](comm::Communicator& c, int r) {
    outs[static_cast<size_t>(r)] = dist::sort(c, parts[static_cast<size_t>(r)], {{"key", false, false}}, 1);
  });
  *out_rows = 0;
  *ordered = true;
  int64_t last = INT64_MIN;
  for (const auto& o : outs) {
    *out_rows += o.num_rows();
    const int64_t* k = o.column("key").values<int64_t>();
    for (int64_t i = 0; i < o.num_rows(); ++i) {
      *ordered = *ordered && k[i] >= last;
      last = k[i];
    }
  }
  return t;
}

std::vector<Table> split(int64_t n, int ranks) {
  std::vector<Table> parts;
  for (int r = 0; r < ranks; ++r) {
    const int64_t begin = n * r / ranks, end = n * (r + 1) / ranks;
    parts.push_back(gen::workload("W2", n, begin, end - begin));
  }
  return parts;
}

}  // namespace

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(argc, argv, {}, {{"--ranks", "R"}});
  int ranks = 2;
  if (args.has("--ranks") && (!bench::parse_int(args.get("--ranks"), &ranks) || ranks < 1))
    bench::usage_exit(argv[0], {{"--ranks", "R"}}, "--ranks must be a positive integer");
  const int64_t n = args.rows;
  try {
    const std::vector<Table> parts = split(n, ranks);
    const std::vector<Table> whole = split(n, 1);
    bench::Samples times, base_times;
    int64_t out_rows = 0, base_rows = 0;
    bool ordered = true, base_ordered = true;
    for (int k = 0; k < args.reps; ++k) {
      times.add(run(parts, ranks, &out_rows, &ordered));
      base_times.add(run(whole, 1, &base_rows, &base_ordered));
    }
    if (out_rows != n || base_rows != n || !ordered || !base_ordered) {
      std::fprintf(stderr, "dist_sort_bench: %lld rows in, %lld rows out, ordered=%d\n", static_cast<long long>(n),
                   static_cast<long long>(out_rows), ordered ? 1 : 0);
      return 1;
    }
    const double s = times.wall_median(), b = base_times.wall_median();
    bench::print_result("dist_sort", n, 1, s, out_rows,
                        {{"ranks", static_cast<double>(ranks), 0}, {"baseline_s", b}, {"ratio", s / b, 3},
                         {"speedup", b / s, 3}});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dist_sort_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
