#include "compute/take_rows.h"

#include "arrow/selection.h"
#include "core/thread_pool.h"

namespace deeprc::compute {

Table take_rows(const Table& table, const std::vector<int64_t>& indices, int threads, const Schema* schema) {
  const auto n = static_cast<int64_t>(indices.size());
  std::vector<Array> cols(static_cast<size_t>(table.num_columns()));
  parallel_for(table.num_columns(), threads, [&](int64_t c) {
    cols[static_cast<size_t>(c)] = take(table.column(static_cast<int>(c)), indices.data(), n);
  });
  return Table(schema ? *schema : table.schema(), std::move(cols), n);
}

}  // namespace deeprc::compute
