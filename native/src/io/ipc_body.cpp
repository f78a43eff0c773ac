#include "io/ipc_body.h"

#include <cstring>

#include "arrow/bitmap.h"
#include "core/error.h"
#include "io/ipc_compression.h"

namespace deeprc::io::ipc {

namespace {

class BodyCollector {
 public:
  BodyCollector(RecordBatchBody& out) : out_(out) {}

  void add(const uint8_t* data, int64_t size) { out_.parts.push_back({data, size}); }
  void add_owned(BufferPtr b, int64_t size) {
    add(b->data(), size);
    out_.owned.push_back(std::move(b));
  }

  // Bits [e, e+n) of a bitmap as a buffer starting at bit 0. Byte-aligned starts are used in
  // place; others are shifted into a fresh buffer (IPC buffers carry no bit offset).
  void add_bitmap(const Buffer& bits, int64_t e, int64_t n) {
    const int64_t bytes = bits::bytes_for(n);
    if (e % 8 == 0) return add(bits.data() + e / 8, bytes);
    auto b = Buffer::allocate(bytes, /*zero=*/true);
    bits::copy(bits.data(), e, b->mutable_data(), 0, n);
    add_owned(std::move(b), bytes);
  }

  // Offsets [e, e+n] re-based to start at 0, and the string bytes they cover.
  template <typename O>
  void add_strings(const ArrayData& a, int64_t e, int64_t n) {
    const O* o = a.values->as<O>() + e;
    const O base = o[0];
    const int64_t obytes = (n + 1) * static_cast<int64_t>(sizeof(O));
    if (base == 0) {
      add(reinterpret_cast<const uint8_t*>(o), obytes);
    } else {
      auto b = Buffer::allocate(obytes);
      O* dst = b->mutable_as<O>();
      for (int64_t i = 0; i <= n; ++i) dst[i] = o[i] - base;
      add_owned(std::move(b), obytes);
    }
    const int64_t dbytes = static_cast<int64_t>(o[n] - base);
    add(a.data ? a.data->data() + base : nullptr, dbytes);
  }

  void add_column(const Array& col, int64_t start, int64_t n) {
    const ArrayData& a = col.data();
    const int64_t e = a.offset + start;
    int64_t nulls = 0;
    if (a.null_count > 0 && a.validity) {
      nulls = (start == 0 && n == a.length) ? a.null_count : n - bits::count_set(a.validity->data(), e, n);
    }
    out_.nodes.emplace_back(n, nulls);
    // A validity buffer is only needed when there are nulls; an empty one means "all valid".
    if (nulls > 0) add_bitmap(*a.validity, e, n);
    else add(nullptr, 0);
    switch (a.type.id) {
      case TypeId::Bool: add_bitmap(*a.values, e, n); break;
      case TypeId::Utf8: add_strings<int32_t>(a, e, n); break;
      case TypeId::LargeUtf8: add_strings<int64_t>(a, e, n); break;
      default: {
        const int64_t w = byte_width(a.type.id);
        DRC_CHECK(w > 0, "IPC writer: fixed-width type expected");
        add(a.values->data() + e * w, n * w);
      }
    }
  }

 private:
  RecordBatchBody& out_;
};

}  // namespace

RecordBatchBody collect_body(const Table& table, int64_t start, int64_t length, Compression compression) {
  RecordBatchBody body;
  body.length = length;
  BodyCollector c(body);
  for (const Array& col : table.columns()) c.add_column(col, start, length);

  if (compression != Compression::None) {
    // Empty buffers stay empty (no prefix), as in the reference implementations.
    body.compressed.reserve(body.parts.size());
    for (auto& p : body.parts) {
      if (p.size == 0) continue;
      auto& out = body.compressed.emplace_back();
      compress_buffer(compression, p.data, p.size, out);
      p = {out.data(), static_cast<int64_t>(out.size())};
    }
  }
  int64_t offset = 0;
  for (const auto& p : body.parts) {
    body.buffers.emplace_back(offset, p.size);
    offset += pad_to(p.size, kBodyAlignment);
  }
  body.body_length = offset;
  return body;
}

}  // namespace deeprc::io::ipc
