// Moving table rows between ranks: the one primitive under every distributed operator.
//
// Wire layout: one byte all-to-all per Arrow buffer (validity bits, values/offsets, string bytes),
// so each received buffer is already the contiguous column of the result (fixed-width values need
// no copy at all; string offsets are rebased and validity bits re-packed, O(rows/8)). Per
// destination counts travel first in one small all-to-all. Sizes are int64 throughout.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "arrow/table.h"
#include "comm/communicator.h"

namespace deeprc::dist {

// Every rank must pass a table with the same schema (names, types, nullability ignored). Throws
// Invalid naming `what`, the first differing rank and column otherwise. Cheap: one allreduce of a
// fingerprint, details only on mismatch.
void check_same_schema(comm::Communicator& comm, const Schema& schema, const std::string& what);

// Rows [dest_offsets[d], dest_offsets[d+1]) of `table` go to rank d (dest_offsets has size()+1
// entries, starting at 0 and ending at num_rows). Returns the received rows concatenated in
// source-rank order (rank 0's first), each source's rows in their original order. Collective.
Table exchange_rows(comm::Communicator& comm, const Table& table, std::span<const int64_t> dest_offsets);

// Destination rank of every row: hash of the key columns (compute::hash_rows: string BYTES, combined
// multi-column hashes, -0.0 == 0.0, one NaN, nulls equal) mapped to [0, size). The same key gives
// the same rank on every rank.
std::vector<int32_t> hash_destinations(const Table& table, const std::vector<std::string>& keys, int size,
                                       int threads);

// Hash partition on `keys` and exchange: rows with equal keys end on the same rank. Stable: each
// destination receives source rank 0's rows first, each source's rows in input order.
Table shuffle(comm::Communicator& comm, const Table& table, const std::vector<std::string>& keys, int threads);

// Reorders `table` by destination (stable) and exchanges. dest[i] in [0, size).
Table exchange_by_destination(comm::Communicator& comm, const Table& table, std::span<const int32_t> dest,
                              int threads);

// All ranks' rows in rank order, on every rank / on `root` only (others: empty, same schema).
Table allgather_table(comm::Communicator& comm, const Table& table);
Table gather_table(comm::Communicator& comm, const Table& table, int root);
// Root's table on every rank (other ranks pass any table; its schema is ignored).
Table bcast_table(comm::Communicator& comm, const Table& table, int root);

}  // namespace deeprc::dist
