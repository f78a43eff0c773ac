#include "compute/aggregate.h"

#include <algorithm>
#include <vector>

#include "compute/aggregate_kernel.h"

namespace deeprc::compute {

Array aggregate(const Array& values, AggFunc func, double q, const std::string& name) {
  AggSpec spec;
  spec.column = name;
  spec.func = func;
  spec.q = q;
  auto kernel = make_kernel(spec, values);  // validates the type and q
  kernel->resize(1);
  constexpr int64_t kBatch = 4096;
  std::vector<int64_t> rows(kBatch);
  const std::vector<uint32_t> gids(kBatch, 0);
  const int64_t n = values.length();
  for (int64_t b = 0; b < n; b += kBatch) {
    const int64_t m = std::min(kBatch, n - b);
    for (int64_t j = 0; j < m; ++j) rows[static_cast<size_t>(j)] = b + j;
    kernel->update(rows.data(), gids.data(), m);
  }
  return kernel->finalize();
}

}  // namespace deeprc::compute
