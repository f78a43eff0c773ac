// run_dist for the in-process test binary: the body runs on thread groups of 1..4 ranks.
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "dist/dist_test.h"

namespace deeprc::test {

void run_dist(DistBody body) {
  for (int size = 1; size <= 4; ++size) {
    SCOPED_TRACE("thread group of " + std::to_string(size) + " ranks");
    auto comms = comm::make_thread_group(size);
    std::vector<std::string> errors(static_cast<size_t>(size));
    std::vector<std::thread> threads;
    for (int r = 0; r < size; ++r) {
      threads.emplace_back([&, r] {
        try {
          body(*comms[static_cast<size_t>(r)]);
        } catch (const std::exception& e) {
          errors[static_cast<size_t>(r)] = e.what();
        }
      });
    }
    for (auto& t : threads) t.join();
    for (int r = 0; r < size; ++r)
      EXPECT_EQ(errors[static_cast<size_t>(r)], "") << "rank " << r << " of " << size << " threw";
  }
}

}  // namespace deeprc::test
