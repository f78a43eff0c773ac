// A small fixed-size thread pool for data-parallel kernels inside one process (one rank).
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace deeprc {

// Number of threads to use for `requested` (0 or negative = hardware concurrency).
int resolve_threads(int requested);

// Runs fn(i) for i in [0, n) on up to `threads` threads (the caller participates) and waits.
// The first exception thrown by any task is rethrown in the caller after all tasks finish.
void parallel_for(int64_t n, int threads, const std::function<void(int64_t)>& fn);

}  // namespace deeprc
