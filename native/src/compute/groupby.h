// Hash groupby-aggregate: one output row per distinct key combination, in order of first
// appearance in the input, with the key columns first and then one column per aggregate (named
// by output_name(), aggregate_spec.h, which also documents the null/NaN semantics and types).
//
// How it runs (and why results are identical for every thread count):
//  - rows are split into P hash partitions of the key (P = threads, fewer for small inputs);
//    partition p is handled by one task that scans all rows, keeps those whose key hashes to p,
//    assigns group ids (group_table.h: a fixed-width single-key fast path, a generic row-key
//    table otherwise) and feeds batches of (row, group id) to the aggregate kernels
//    (aggregate_kernel.h). So every group lives in exactly one partition and sees its rows in
//    input order: floating-point sums are bit-identical for 1, 2, 3, ... threads.
//  - the partitions' groups are merged by first row, which restores first-appearance order.
// Memory: one hash table and the kernel states per partition, plus 8 bytes per row of hashes for
// multi-column or string keys; no per-row group-id array.
#pragma once
#include <string>
#include <vector>

#include "arrow/table.h"
#include "compute/aggregate_spec.h"

namespace deeprc::compute {

// Throws NotFound naming an unknown key/value column, Invalid for an aggregate that is not
// defined for its column's type (naming both), q outside [0, 1], duplicate output names, or an
// integer sum that overflows. threads: 0 = all cores. min_rows_per_partition: fewer partitions
// than threads are used when a partition would get fewer rows than this (a tuning knob; tests set
// it to 1 to exercise the partitioned path on small tables).
inline constexpr int64_t kGroupByMinRowsPerPartition = 1 << 16;
Table groupby(const Table& table, const std::vector<std::string>& keys, const std::vector<AggSpec>& aggs,
              int threads = 0, int64_t min_rows_per_partition = kGroupByMinRowsPerPartition);

}  // namespace deeprc::compute
