// Row exchange between ranks (see table_exchange.h for the wire layout).
#include "dist/table_exchange.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <numeric>
#include <string>

#include "arrow/bitmap.h"
#include "compute/parallel_take.h"
#include "compute/row_keys.h"
#include "core/error.h"
#include "io/ipc_reader.h"
#include "io/ipc_writer.h"

namespace deeprc::dist {
namespace {

struct Range {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t rows() const { return end - begin; }
};

// Per destination and column: bytes of validity bits, of values (fixed width / bool bits /
// string lengths) and of string data. Plus the row count per destination.
constexpr int kPerColumn = 3;

uint64_t schema_fingerprint(const Schema& schema) {
  uint64_t h = 0x6a09e667f3bcc909ULL;
  auto mix_string = [&](const std::string& s) {
    for (unsigned char c : s) h = compute::combine_hash(h, c);
    h = compute::combine_hash(h, 0xff);
  };
  for (const auto& f : schema.fields()) {
    mix_string(f.name);
    mix_string(f.type.to_string());
  }
  return h;
}

std::string describe_fields(const Schema& schema) {
  std::string s;
  for (const auto& f : schema.fields()) s += (s.empty() ? "" : ", ") + f.name + ": " + f.type.to_string();
  return "(" + s + ")";
}

bool is_bits(const Array& a) { return a.type_id() == TypeId::Bool; }
int offset_width(const Array& a) { return a.type_id() == TypeId::LargeUtf8 ? 8 : 4; }

int64_t string_offset(const Array& a, int64_t i) {
  const int64_t k = a.offset() + i;
  return a.type_id() == TypeId::LargeUtf8 ? a.data().values->as<int64_t>()[k] : a.data().values->as<int32_t>()[k];
}

// Sends each destination's bits [range) of `bits` (at element offset `offset`) as byte-aligned
// regions; returns the packed buffer and fills counts/displs.
std::vector<uint8_t> pack_bits(const uint8_t* bits, int64_t offset, std::span<const Range> ranges,
                               std::vector<int64_t>& counts, std::vector<int64_t>& displs) {
  for (size_t d = 0; d < ranges.size(); ++d) counts[d] = bits::bytes_for(ranges[d].rows());
  const int64_t total = comm::exclusive_scan(counts, displs);
  std::vector<uint8_t> packed(static_cast<size_t>(total), 0);
  for (size_t d = 0; d < ranges.size(); ++d)
    if (ranges[d].rows() > 0) bits::copy(bits, offset + ranges[d].begin, packed.data() + displs[d], 0, ranges[d].rows());
  return packed;
}

// Stitches byte-aligned per-source bit regions into one bitmap of `total` bits. Sources that sent
// no bytes (but rows) get `fill` bits.
BufferPtr unpack_bits(const uint8_t* recv, std::span<const int64_t> rcounts, std::span<const int64_t> rdispls,
                      std::span<const int64_t> rows, std::span<const int64_t> row_base, int64_t total, bool fill) {
  BufferPtr out = Buffer::allocate(bits::bytes_for(total), true);
  uint8_t* dst = out->mutable_data();
  for (size_t s = 0; s < rows.size(); ++s) {
    if (rows[s] == 0) continue;
    if (rcounts[s] > 0) {
      bits::copy(recv + rdispls[s], 0, dst, row_base[s], rows[s]);
    } else if (fill) {
      for (int64_t i = 0; i < rows[s]; ++i) bits::set(dst, row_base[s] + i);
    }
  }
  return out;
}

class Exchanger {
 public:
  Exchanger(comm::Communicator& comm, const Table& table, std::span<const Range> ranges)
      : comm_(comm), table_(table), ranges_(ranges), p_(static_cast<size_t>(comm.size())) {}

  Table run() {
    exchange_metadata();
    std::vector<Array> columns;
    for (int c = 0; c < table_.num_columns(); ++c) columns.push_back(exchange_column(c));
    return Table(table_.schema(), std::move(columns), total_rows_);
  }

 private:
  int64_t meta(size_t source, int column, int kind) const {
    return recv_meta_[source * width() + 1 + static_cast<size_t>(column * kPerColumn + kind)];
  }
  size_t width() const { return 1 + static_cast<size_t>(table_.num_columns() * kPerColumn); }

  void exchange_metadata() {
    std::vector<int64_t> send(p_ * width(), 0);
    for (size_t d = 0; d < p_; ++d) {
      const Range& r = ranges_[d];
      int64_t* m = send.data() + d * width();
      m[0] = r.rows();
      for (int c = 0; c < table_.num_columns(); ++c) {
        const Array& a = table_.column(c);
        int64_t* mc = m + 1 + c * kPerColumn;
        mc[0] = a.null_count() > 0 ? bits::bytes_for(r.rows()) : 0;
        if (is_bits(a)) {
          mc[1] = bits::bytes_for(r.rows());
        } else if (is_string(a.type_id())) {
          mc[1] = r.rows() * offset_width(a);
          mc[2] = r.rows() > 0 ? string_offset(a, r.end) - string_offset(a, r.begin) : 0;
        } else {
          mc[1] = r.rows() * byte_width(a.type_id());
        }
      }
    }
    recv_meta_.assign(p_ * width(), 0);
    std::vector<int64_t> counts(p_, static_cast<int64_t>(width() * 8)), displs(p_);
    comm::exclusive_scan(counts, displs);
    comm_.alltoallv(send.data(), counts.data(), displs.data(), recv_meta_.data(), counts.data(), displs.data());
    rows_.resize(p_);
    row_base_.resize(p_);
    for (size_t s = 0; s < p_; ++s) rows_[s] = recv_meta_[s * width()];
    total_rows_ = comm::exclusive_scan(rows_, row_base_);
  }

  // One byte all-to-all; the receive buffer is a fresh 64-byte aligned Buffer.
  BufferPtr all_to_all(const uint8_t* send, const std::vector<int64_t>& scounts, const std::vector<int64_t>& sdispls,
                       int column, int kind, std::vector<int64_t>& rcounts, std::vector<int64_t>& rdispls) {
    for (size_t s = 0; s < p_; ++s) rcounts[s] = meta(s, column, kind);
    const int64_t total = comm::exclusive_scan(rcounts, rdispls);
    BufferPtr recv = Buffer::allocate(total);
    comm_.alltoallv(send, scounts.data(), sdispls.data(), recv->mutable_data(), rcounts.data(), rdispls.data());
    return recv;
  }

  Array exchange_column(int c) {
    const Array& a = table_.column(c);
    const ArrayData& in = a.data();
    std::vector<int64_t> scounts(p_), sdispls(p_), rcounts(p_), rdispls(p_);
    auto out = std::make_shared<ArrayData>();
    out->type = in.type;
    out->length = total_rows_;

    // Validity.
    {
      std::vector<uint8_t> packed;
      if (a.null_count() > 0) packed = pack_bits(in.validity->data(), in.offset, ranges_, scounts, sdispls);
      else std::fill(scounts.begin(), scounts.end(), 0), std::fill(sdispls.begin(), sdispls.end(), 0);
      BufferPtr recv = all_to_all(packed.data(), scounts, sdispls, c, 0, rcounts, rdispls);
      bool any = std::any_of(rcounts.begin(), rcounts.end(), [](int64_t n) { return n > 0; });
      if (any) {
        BufferPtr bitmap = unpack_bits(recv->data(), rcounts, rdispls, rows_, row_base_, total_rows_, true);
        out->null_count = total_rows_ - bits::count_set(bitmap->data(), 0, total_rows_);
        if (out->null_count > 0) out->validity = std::move(bitmap);
      }
    }

    if (is_bits(a)) {
      std::vector<uint8_t> packed = pack_bits(in.values ? in.values->data() : nullptr, in.offset, ranges_, scounts, sdispls);
      BufferPtr recv = all_to_all(packed.data(), scounts, sdispls, c, 1, rcounts, rdispls);
      out->values = unpack_bits(recv->data(), rcounts, rdispls, rows_, row_base_, total_rows_, false);
    } else if (is_string(a.type_id())) {
      exchange_strings(a, c, *out, scounts, sdispls, rcounts, rdispls);
    } else {
      const int w = byte_width(a.type_id());
      for (size_t d = 0; d < p_; ++d) {
        scounts[d] = ranges_[d].rows() * w;
        sdispls[d] = ranges_[d].begin * w;
      }
      const uint8_t* base = in.values ? in.values->data() + in.offset * w : nullptr;
      out->values = all_to_all(base, scounts, sdispls, c, 1, rcounts, rdispls);
    }
    return Array(std::move(out));
  }

  void exchange_strings(const Array& a, int c, ArrayData& out, std::vector<int64_t>& scounts,
                        std::vector<int64_t>& sdispls, std::vector<int64_t>& rcounts, std::vector<int64_t>& rdispls) {
    const bool large = a.type_id() == TypeId::LargeUtf8;
    const int ow = offset_width(a);
    // Lengths per row, in destination order (the table is already destination-ordered).
    const int64_t n = a.length();
    std::vector<uint8_t> lengths(static_cast<size_t>(n * ow));
    for (int64_t i = 0; i < n; ++i) {
      const int64_t len = string_offset(a, i + 1) - string_offset(a, i);
      if (large) reinterpret_cast<int64_t*>(lengths.data())[i] = len;
      else reinterpret_cast<int32_t*>(lengths.data())[i] = static_cast<int32_t>(len);
    }
    for (size_t d = 0; d < p_; ++d) {
      scounts[d] = ranges_[d].rows() * ow;
      sdispls[d] = ranges_[d].begin * ow;
    }
    BufferPtr recv_lengths = all_to_all(lengths.data(), scounts, sdispls, c, 1, rcounts, rdispls);

    for (size_t d = 0; d < p_; ++d) {
      scounts[d] = ranges_[d].rows() > 0 ? string_offset(a, ranges_[d].end) - string_offset(a, ranges_[d].begin) : 0;
      sdispls[d] = ranges_[d].rows() > 0 ? string_offset(a, ranges_[d].begin) : 0;
    }
    const uint8_t* data = a.data().data ? a.data().data->data() : nullptr;
    out.data = all_to_all(data, scounts, sdispls, c, 2, rcounts, rdispls);
    const int64_t total_bytes = out.data->size();
    if (!large && total_bytes > INT32_MAX)
      throw_invalid("column '" + table_.schema().field(c).name + "' would hold " + std::to_string(total_bytes) +
                    " bytes of strings on rank " + std::to_string(comm_.rank()) +
                    " after the exchange, more than utf8 allows; cast it to large_utf8");

    out.values = Buffer::allocate((total_rows_ + 1) * ow);
    if (large) {
      auto* off = out.values->mutable_as<int64_t>();
      const auto* len = recv_lengths->as<int64_t>();
      off[0] = 0;
      for (int64_t i = 0; i < total_rows_; ++i) off[i + 1] = off[i] + len[i];
    } else {
      auto* off = out.values->mutable_as<int32_t>();
      const auto* len = recv_lengths->as<int32_t>();
      off[0] = 0;
      for (int64_t i = 0; i < total_rows_; ++i) off[i + 1] = off[i] + len[i];
    }
  }

  comm::Communicator& comm_;
  const Table& table_;
  std::span<const Range> ranges_;
  size_t p_;
  std::vector<int64_t> recv_meta_, rows_, row_base_;
  int64_t total_rows_ = 0;
};

Table exchange_ranges(comm::Communicator& comm, const Table& table, std::span<const Range> ranges,
                      const std::string& what) {
  check_same_schema(comm, table.schema(), what);
  return Exchanger(comm, table, ranges).run();
}

// An empty table with root's schema, on every rank (the schema travels as an Arrow IPC stream).
Table bcast_empty(comm::Communicator& comm, const Table& table, int root) {
  std::vector<uint8_t> bytes;
  if (comm.rank() == root) bytes = io::write_ipc_bytes(table.slice(0, 0));
  bytes = comm::bcast_bytes(comm, bytes, root);
  return io::read_ipc_bytes(bytes.data(), static_cast<int64_t>(bytes.size()), "broadcast schema");
}

}  // namespace

void check_same_schema(comm::Communicator& comm, const Schema& schema, const std::string& what) {
  if (comm.size() == 1) return;
  const auto fp = static_cast<int64_t>(schema_fingerprint(schema));
  int64_t pair[2] = {fp, -fp};  // max of both = max and -min
  int64_t out[2] = {0, 0};
  if (fp == INT64_MIN) pair[1] = INT64_MAX;  // -INT64_MIN overflows; any mismatch is still seen via pair[0]
  comm.allreduce(pair, out, 2, TypeId::Int64, comm::ReduceOp::Max);
  if (out[0] == fp && out[1] == pair[1]) return;
  const std::string mine = describe_fields(schema);
  auto all = comm::allgather_bytes(comm, std::span(reinterpret_cast<const uint8_t*>(mine.data()), mine.size()));
  const std::string first(all[0].begin(), all[0].end());
  for (size_t r = 1; r < all.size(); ++r) {
    const std::string other(all[r].begin(), all[r].end());
    if (other != first)
      throw_invalid(what + ": the table on rank " + std::to_string(r) + " has columns " + other +
                    " but the table on rank 0 has " + first + "; every rank must pass the same schema");
  }
  throw_invalid(what + ": the ranks' schemas differ");
}

Table exchange_rows(comm::Communicator& comm, const Table& table, std::span<const int64_t> dest_offsets) {
  const auto p = static_cast<size_t>(comm.size());
  if (dest_offsets.size() != p + 1 || dest_offsets[0] != 0 || dest_offsets[p] != table.num_rows())
    throw_invalid("exchange_rows: destination offsets must have size+1 entries from 0 to the row count");
  std::vector<Range> ranges(p);
  for (size_t d = 0; d < p; ++d) {
    ranges[d] = {dest_offsets[d], dest_offsets[d + 1]};
    if (ranges[d].end < ranges[d].begin) throw_invalid("exchange_rows: destination offsets must not decrease");
  }
  if (p == 1) return table;
  return exchange_ranges(comm, table, ranges, "exchange");
}

std::vector<int32_t> hash_destinations(const Table& table, const std::vector<std::string>& keys, int size,
                                       int threads) {
  const int64_t n = table.num_rows();
  std::vector<int32_t> dest(static_cast<size_t>(n), 0);
  if (size == 1 || n == 0) {
    if (n == 0) compute::key_columns(table, keys);  // still report unknown columns
    return dest;
  }
  const compute::KeyColumns kc = compute::key_columns(table, keys);
  std::vector<uint64_t> h(static_cast<size_t>(n));
  compute::hash_rows(kc, h.data(), threads);
  // Re-mix so that the rank does not correlate with the bits the local hash tables use, then map
  // to [0, size) with a multiply-shift (no modulo bias worth speaking of, no division).
  const auto p = static_cast<uint64_t>(size);
  for (int64_t i = 0; i < n; ++i) {
    const uint64_t x = compute::mix64(h[static_cast<size_t>(i)] ^ 0x2545f4914f6cdd1dULL) >> 32;
    dest[static_cast<size_t>(i)] = static_cast<int32_t>((x * p) >> 32);
  }
  return dest;
}

Table exchange_by_destination(comm::Communicator& comm, const Table& table, std::span<const int32_t> dest,
                              int threads) {
  const auto p = static_cast<size_t>(comm.size());
  const int64_t n = table.num_rows();
  if (static_cast<int64_t>(dest.size()) != n) throw_invalid("exchange_by_destination: one destination per row");
  if (p == 1) {
    check_same_schema(comm, table.schema(), "shuffle");
    return table;
  }
  std::vector<int64_t> offsets(p + 1, 0);
  for (int32_t d : dest) {
    if (d < 0 || static_cast<size_t>(d) >= p) throw_invalid("destination rank " + std::to_string(d) + " out of range");
    ++offsets[static_cast<size_t>(d) + 1];
  }
  for (size_t d = 0; d < p; ++d) offsets[d + 1] += offsets[d];
  std::vector<int64_t> pos(offsets.begin(), offsets.end() - 1), perm(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) perm[static_cast<size_t>(pos[static_cast<size_t>(dest[static_cast<size_t>(i)])]++)] = i;
  const Table ordered = compute::parallel_take(table, perm.data(), n, threads);
  return exchange_rows(comm, ordered, offsets);
}

Table shuffle(comm::Communicator& comm, const Table& table, const std::vector<std::string>& keys, int threads) {
  if (keys.empty()) throw_invalid("shuffle needs at least one key column");
  const std::vector<int32_t> dest = hash_destinations(table, keys, comm.size(), threads);
  return exchange_by_destination(comm, table, dest, threads);
}

Table allgather_table(comm::Communicator& comm, const Table& table) {
  std::vector<Range> ranges(static_cast<size_t>(comm.size()), Range{0, table.num_rows()});
  if (comm.size() == 1) return table;
  return exchange_ranges(comm, table, ranges, "allgather");
}

Table gather_table(comm::Communicator& comm, const Table& table, int root) {
  if (root < 0 || root >= comm.size())
    throw_invalid("root " + std::to_string(root) + " is out of range for " + std::to_string(comm.size()) + " ranks");
  if (comm.size() == 1) return table;
  std::vector<Range> ranges(static_cast<size_t>(comm.size()));
  ranges[static_cast<size_t>(root)] = {0, table.num_rows()};
  return exchange_ranges(comm, table, ranges, "gather");
}

Table bcast_table(comm::Communicator& comm, const Table& table, int root) {
  if (root < 0 || root >= comm.size())
    throw_invalid("root " + std::to_string(root) + " is out of range for " + std::to_string(comm.size()) + " ranks");
  if (comm.size() == 1) return table;
  const Table empty = bcast_empty(comm, table, root);
  std::vector<Range> ranges(static_cast<size_t>(comm.size()));
  if (comm.rank() == root) {
    std::fill(ranges.begin(), ranges.end(), Range{0, table.num_rows()});
    return Exchanger(comm, table, ranges).run();
  }
  return Exchanger(comm, empty, ranges).run();
}

}  // namespace deeprc::dist
