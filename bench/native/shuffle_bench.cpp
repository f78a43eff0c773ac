// Hash shuffle throughput on in-process ranks (threads): W1L's N rows split evenly over R ranks
// (rank r generates its share, untimed), then dist::shuffle on "key". Each rank runs one thread.
// Baseline in the same run: the local reorder by destination alone (hash + parallel_take of all N
// rows on one thread), i.e. the work a shuffle cannot avoid; ratio = shuffle / baseline.
// Usage: shuffle_bench [--rows N] [--ranks R] [--reps K]
// Prints: bench=deeprc op=shuffle rows=N threads=1 seconds=S rows_per_s=... ranks=R baseline_s=B ratio=S/B
#include <cstdio>
#include <thread>

#include "bench_util.h"
#include "compute/parallel_take.h"
#include "dist/table_exchange.h"
#include "gen/workloads.h"

using namespace deeprc;

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(argc, argv, {}, {{"--ranks", "R"}});
  int ranks = 2;
  if (args.has("--ranks") && (!bench::parse_int(args.get("--ranks"), &ranks) || ranks < 1))
    bench::usage_exit(argv[0], {{"--ranks", "R"}}, "--ranks must be a positive integer");
  const int64_t n = args.rows;
  try {
    std::vector<Table> parts;
    for (int r = 0; r < ranks; ++r) {
      const int64_t begin = n * r / ranks, end = n * (r + 1) / ranks;
      parts.push_back(gen::workload("W1L", n, begin, end - begin));
    }
    bench::Samples shuffle_times, base_times;
    int64_t out_rows = 0;
    for (int k = 0; k < args.reps; ++k) {
      auto comms = comm::make_thread_group(ranks);
      std::vector<int64_t> received(static_cast<size_t>(ranks));
      shuffle_times.add(bench::time_it([&] {
        std::vector<std::thread> threads;
        for (int r = 0; r < ranks; ++r)
          threads.emplace_back([&, r] {
            received[static_cast<size_t>(r)] =
                dist::shuffle(*comms[static_cast<size_t>(r)], parts[static_cast<size_t>(r)], {"key"}, 1).num_rows();
          });
        for (auto& t : threads) t.join();
      }));
      out_rows = 0;
      for (auto v : received) out_rows += v;
      const Table all = gen::workload("W1L", n, 0, n);
      base_times.add(bench::time_it([&] {
        const auto dest = dist::hash_destinations(all, {"key"}, ranks, 1);
        std::vector<int64_t> perm(static_cast<size_t>(n));
        std::vector<int64_t> pos(static_cast<size_t>(ranks) + 1, 0);
        for (int32_t d : dest) ++pos[static_cast<size_t>(d) + 1];
        for (int r = 0; r < ranks; ++r) pos[static_cast<size_t>(r) + 1] += pos[static_cast<size_t>(r)];
        for (int64_t i = 0; i < n; ++i) perm[static_cast<size_t>(pos[static_cast<size_t>(dest[static_cast<size_t>(i)])]++)] = i;
        compute::parallel_take(all, perm.data(), n, 1);
      }));
    }
    if (out_rows != n) {
      std::fprintf(stderr, "shuffle_bench: %lld rows in, %lld rows out\n", static_cast<long long>(n),
                   static_cast<long long>(out_rows));
      return 1;
    }
    const double s = shuffle_times.wall_median(), b = base_times.wall_median();
    bench::print_result("shuffle", n, 1, s, out_rows,
                        {{"ranks", static_cast<double>(ranks), 0}, {"baseline_s", b}, {"ratio", s / b, 3}});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shuffle_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
