// Runs one collective step on R in-process ranks (a thread group communicator, one thread per
// rank) and times it: the distributed benchmarks' common driver.
#pragma once
#include <thread>
#include <vector>

#include "bench_util.h"
#include "comm/communicator.h"

namespace deeprc::bench {

// body(comm, rank) runs on every rank; the timing covers all ranks from start to the last join.
template <typename F>
Timing time_on_thread_ranks(int ranks, F&& body) {
  auto comms = comm::make_thread_group(ranks);
  return time_it([&] {
    std::vector<std::thread> threads;
    for (int r = 0; r < ranks; ++r) threads.emplace_back([&, r] { body(*comms[static_cast<size_t>(r)], r); });
    for (auto& th : threads) th.join();
  });
}

}  // namespace deeprc::bench
