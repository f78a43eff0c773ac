#include "compute/expr_filter.h"

#include <atomic>
#include <cstring>
#include <vector>

#include "compute/expr_eval.h"
#include "core/error.h"
#include "core/thread_pool.h"

namespace deeprc::compute {
namespace {

using Sel = std::vector<uint16_t>;  // row numbers within a chunk (kExprChunk <= 65536)
static_assert(kExprChunk <= 65536);

void selection_of(const Vec& v, int64_t len, Sel& sel) {
  const uint8_t* x = v.as<uint8_t>();
  if (v.scalar) {
    if (v.valid_at(0) && x[0] != 0) {
      sel.resize(static_cast<size_t>(len));
      for (int64_t i = 0; i < len; ++i) sel[i] = static_cast<uint16_t>(i);
    }
    return;
  }
  sel.resize(static_cast<size_t>(len));
  int64_t n = 0;
  if (v.valid == nullptr) {
    for (int64_t i = 0; i < len; ++i) {  // branch-free compaction
      sel[n] = static_cast<uint16_t>(i);
      n += x[i] != 0;
    }
  } else {
    for (int64_t i = 0; i < len; ++i) {
      sel[n] = static_cast<uint16_t>(i);
      n += (x[i] & v.valid[i]) != 0;
    }
  }
  sel.resize(static_cast<size_t>(n));
}

// Sets bits [pos, pos+cnt) of `out` (zeroed beforehand) from 0/1 bytes. Bytes shared with a
// neighbouring chunk's range are updated atomically; whole bytes are owned by this chunk.
void write_bits(uint8_t* out, int64_t pos, const uint8_t* vals, int64_t cnt) {
  int64_t k = 0;
  auto atomic_set = [&](int64_t p) {
    std::atomic_ref<uint8_t>(out[p >> 3]).fetch_or(static_cast<uint8_t>(1u << (p & 7)), std::memory_order_relaxed);
  };
  for (; k < cnt && ((pos + k) & 7) != 0; ++k)
    if (vals[k]) atomic_set(pos + k);
  for (; k + 8 <= cnt; k += 8) {
    uint8_t byte = 0;
    for (int j = 0; j < 8; ++j) byte |= static_cast<uint8_t>((vals[k + j] & 1) << j);
    out[(pos + k) >> 3] = byte;
  }
  for (; k < cnt; ++k)
    if (vals[k]) atomic_set(pos + k);
}

template <typename T>
void gather_fixed(const Array& a, int64_t begin, const Sel& sel, uint8_t* out, int64_t pos) {
  const T* src = a.values<T>() + begin;
  T* o = reinterpret_cast<T*>(out) + pos;
  for (size_t k = 0; k < sel.size(); ++k) o[k] = src[sel[k]];
}

struct ColumnOut {
  BufferPtr values, data, validity;
  std::vector<int64_t> byte_pos;  // strings: first output byte of each chunk
  std::atomic<int64_t> nulls{0};
};

template <typename O>
int64_t selected_bytes(const Array& a, int64_t begin, const Sel& sel) {
  const O* off = a.data().values->as<O>() + a.offset() + begin;
  int64_t total = 0;
  for (uint16_t i : sel) total += off[i + 1] - off[i];
  return total;
}

template <typename O>
void gather_strings(const Array& a, int64_t begin, const Sel& sel, ColumnOut& out, int64_t pos, int64_t byte_pos) {
  const O* off = a.data().values->as<O>() + a.offset() + begin;
  const uint8_t* src = a.data().data->data();
  O* o = out.values->mutable_as<O>() + pos;
  uint8_t* dst = out.data->mutable_data();
  int64_t p = byte_pos;
  for (size_t k = 0; k < sel.size(); ++k) {
    const int64_t b = off[sel[k]], e = off[sel[k] + 1];
    std::memcpy(dst + p, src + b, static_cast<size_t>(e - b));
    p += e - b;
    o[k + 1] = static_cast<O>(p);
  }
}

}  // namespace

Table filter(const Table& table, const Bound& pred, int threads) {
  if (pred.untyped_null) return table.slice(0, 0);  // `where null` keeps nothing
  if (pred.type.id != TypeId::Bool)
    throw_invalid("filter needs a bool predicate, but '" + pred.text + "' is " + pred.type.to_string());
  const int64_t n = table.num_rows();
  const int64_t chunks = (n + kExprChunk - 1) / kExprChunk;
  const int ncols = table.num_columns();
  std::vector<Sel> sels(static_cast<size_t>(chunks));
  // Selected string bytes per (chunk, column), for the output's byte offsets.
  std::vector<int64_t> bytes(static_cast<size_t>(chunks * ncols), 0);
  for_each_chunk(n, threads, [&](int64_t k, int64_t begin, int64_t len) {
    Sel& sel = sels[static_cast<size_t>(k)];
    selection_of(eval_chunk(pred, table, begin, len), len, sel);
    for (int c = 0; c < ncols; ++c) {
      const Array& a = table.column(c);
      int64_t& b = bytes[static_cast<size_t>(k * ncols + c)];
      if (a.type_id() == TypeId::Utf8) b = selected_bytes<int32_t>(a, begin, sel);
      else if (a.type_id() == TypeId::LargeUtf8) b = selected_bytes<int64_t>(a, begin, sel);
    }
  });
  std::vector<int64_t> row_pos(static_cast<size_t>(chunks) + 1, 0);
  for (int64_t k = 0; k < chunks; ++k) row_pos[k + 1] = row_pos[k] + static_cast<int64_t>(sels[k].size());
  const int64_t out_rows = row_pos.back();
  if (out_rows == n) return table;  // every row kept: share the input
  std::vector<ColumnOut> outs(static_cast<size_t>(ncols));
  for (int c = 0; c < ncols; ++c) {
    const Array& a = table.column(c);
    ColumnOut& o = outs[static_cast<size_t>(c)];
    if (a.null_count() > 0) o.validity = Buffer::allocate(bits::bytes_for(out_rows), true);
    const TypeId id = a.type_id();
    if (id == TypeId::Bool) {
      o.values = Buffer::allocate(bits::bytes_for(out_rows), true);
    } else if (is_string(id)) {
      o.byte_pos.assign(static_cast<size_t>(chunks) + 1, 0);
      for (int64_t k = 0; k < chunks; ++k) o.byte_pos[k + 1] = o.byte_pos[k] + bytes[static_cast<size_t>(k * ncols + c)];
      if (id == TypeId::Utf8 && o.byte_pos.back() > INT32_MAX)
        throw_invalid("filter: column '" + table.schema().field(c).name + "' would exceed 2 GiB of utf8 data");
      const int64_t w = id == TypeId::Utf8 ? 4 : 8;
      o.values = Buffer::allocate((out_rows + 1) * w);
      std::memset(o.values->mutable_data(), 0, static_cast<size_t>(w));  // offset[0] = 0
      o.data = Buffer::allocate(o.byte_pos.back());
    } else {
      o.values = Buffer::allocate(out_rows * byte_width(id));
    }
  }
  for_each_chunk(n, threads, [&](int64_t k, int64_t begin, int64_t) {
    const Sel& sel = sels[static_cast<size_t>(k)];
    if (sel.empty()) return;
    const int64_t pos = row_pos[k];
    uint8_t tmp[kExprChunk];
    for (int c = 0; c < ncols; ++c) {
      const Array& a = table.column(c);
      ColumnOut& o = outs[static_cast<size_t>(c)];
      const ArrayData& d = a.data();
      if (o.validity) {
        int64_t nulls = 0;
        for (size_t i = 0; i < sel.size(); ++i) {
          tmp[i] = bits::get(d.validity->data(), d.offset + begin + sel[i]);
          nulls += tmp[i] ^ 1;
        }
        write_bits(o.validity->mutable_data(), pos, tmp, static_cast<int64_t>(sel.size()));
        o.nulls.fetch_add(nulls, std::memory_order_relaxed);
      }
      switch (a.type_id()) {
        case TypeId::Bool:
          for (size_t i = 0; i < sel.size(); ++i) tmp[i] = bits::get(d.values->data(), d.offset + begin + sel[i]);
          write_bits(o.values->mutable_data(), pos, tmp, static_cast<int64_t>(sel.size()));
          break;
        case TypeId::Utf8: gather_strings<int32_t>(a, begin, sel, o, pos, o.byte_pos[k]); break;
        case TypeId::LargeUtf8: gather_strings<int64_t>(a, begin, sel, o, pos, o.byte_pos[k]); break;
        default:
          switch (byte_width(a.type_id())) {
            case 1: gather_fixed<uint8_t>(a, begin, sel, o.values->mutable_data(), pos); break;
            case 2: gather_fixed<uint16_t>(a, begin, sel, o.values->mutable_data(), pos); break;
            case 4: gather_fixed<uint32_t>(a, begin, sel, o.values->mutable_data(), pos); break;
            default: gather_fixed<uint64_t>(a, begin, sel, o.values->mutable_data(), pos); break;
          }
      }
    }
  });
  std::vector<Array> cols;
  cols.reserve(static_cast<size_t>(ncols));
  for (int c = 0; c < ncols; ++c) {
    ColumnOut& o = outs[static_cast<size_t>(c)];
    ArrayData d;
    d.type = table.column(c).type();
    d.length = out_rows;
    d.null_count = o.nulls.load();
    d.validity = d.null_count > 0 ? o.validity : nullptr;
    d.values = o.values;
    d.data = o.data;
    cols.push_back(Array::make(std::move(d)));
  }
  return Table(table.schema(), std::move(cols), out_rows);
}

Table filter(const Table& table, const Expr& predicate, int threads) {
  return filter(table, bind(predicate, table.schema()), threads);
}

}  // namespace deeprc::compute
