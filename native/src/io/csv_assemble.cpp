#include "io/csv_assemble.h"

#include <cstring>

#include "core/error.h"
#include "core/thread_pool.h"

namespace deeprc::io {
namespace {

// Validity bitmap built from the chunks' null lists (all bits set, then nulls cleared).
BufferPtr build_validity(const std::vector<const ColumnChunk*>& chunks, const std::vector<int64_t>& starts,
                         int64_t total, int64_t* null_count) {
  int64_t nulls = 0;
  for (const auto* ch : chunks) nulls += static_cast<int64_t>(ch->null_rows.size());
  *null_count = nulls;
  if (nulls == 0) return nullptr;
  auto bitmap = Buffer::allocate(bits::bytes_for(total));
  std::memset(bitmap->mutable_data(), 0xFF, static_cast<size_t>(bits::bytes_for(total)));
  for (size_t k = 0; k < chunks.size(); ++k)
    for (const int64_t r : chunks[k]->null_rows) bits::clear(bitmap->mutable_data(), starts[k] + r);
  return bitmap;
}

template <typename Offset>
BufferPtr build_offsets(const std::vector<const ColumnChunk*>& chunks, const std::vector<int64_t>& starts,
                        const std::vector<int64_t>& byte_starts, int64_t total, int threads) {
  auto offsets = Buffer::allocate((total + 1) * static_cast<int64_t>(sizeof(Offset)));
  Offset* o = offsets->mutable_as<Offset>();
  o[0] = 0;
  parallel_for(static_cast<int64_t>(chunks.size()), threads, [&](int64_t k) {
    const auto* ends = reinterpret_cast<const int64_t*>(chunks[static_cast<size_t>(k)]->values.data());
    Offset* dst = o + starts[static_cast<size_t>(k)] + 1;
    const int64_t base = byte_starts[static_cast<size_t>(k)];
    for (int64_t i = 0; i < chunks[static_cast<size_t>(k)]->length; ++i) dst[i] = static_cast<Offset>(base + ends[i]);
  });
  return offsets;
}

}  // namespace

Array assemble_column(const DataType& type, const std::vector<const ColumnChunk*>& chunks, int threads,
                      bool may_widen_strings, const std::string& column_name) {
  std::vector<int64_t> starts(chunks.size() + 1, 0);
  for (size_t k = 0; k < chunks.size(); ++k) starts[k + 1] = starts[k] + chunks[k]->length;
  const int64_t total = starts.back();

  ArrayData d;
  d.type = type;
  d.length = total;
  d.validity = build_validity(chunks, starts, total, &d.null_count);
  const auto n_chunks = static_cast<int64_t>(chunks.size());

  if (type.id == TypeId::Bool) {
    // Chunks hold one byte per value; pack them into bits (sequentially: blocks share bytes).
    auto bits_buf = Buffer::allocate(bits::bytes_for(total), /*zero=*/true);
    for (size_t k = 0; k < chunks.size(); ++k) {
      const uint8_t* v = chunks[k]->values.data();
      for (int64_t i = 0; i < chunks[k]->length; ++i)
        if (v[i]) bits::set(bits_buf->mutable_data(), starts[k] + i);
    }
    d.values = bits_buf;
  } else if (is_string(type.id)) {
    std::vector<int64_t> byte_starts(chunks.size() + 1, 0);
    for (size_t k = 0; k < chunks.size(); ++k) byte_starts[k + 1] = byte_starts[k] + chunks[k]->bytes.size();
    const int64_t total_bytes = byte_starts.back();
    if (type.id == TypeId::Utf8 && total_bytes > INT32_MAX) {
      if (!may_widen_strings)
        throw_invalid("CSV column '" + column_name + "' holds " + std::to_string(total_bytes) +
                      " bytes of text, more than utf8 allows (2 GiB); declare it large_utf8");
      d.type = DataType(TypeId::LargeUtf8);
    }
    auto data = Buffer::allocate(total_bytes);
    parallel_for(n_chunks, threads, [&](int64_t k) {
      const auto& b = chunks[static_cast<size_t>(k)]->bytes;
      if (b.size() > 0)
        std::memcpy(data->mutable_data() + byte_starts[static_cast<size_t>(k)], b.data(), static_cast<size_t>(b.size()));
    });
    d.values = d.type.id == TypeId::LargeUtf8 ? build_offsets<int64_t>(chunks, starts, byte_starts, total, threads)
                                              : build_offsets<int32_t>(chunks, starts, byte_starts, total, threads);
    d.data = data;
  } else {
    const int w = byte_width(type.id);
    auto values = Buffer::allocate(total * w);
    parallel_for(n_chunks, threads, [&](int64_t k) {
      const auto& v = chunks[static_cast<size_t>(k)]->values;
      const int64_t n = chunks[static_cast<size_t>(k)]->length * w;
      if (n > 0) std::memcpy(values->mutable_data() + starts[static_cast<size_t>(k)] * w, v.data(), static_cast<size_t>(n));
    });
    d.values = values;
  }
  if (is_string(d.type.id)) {
    // The offsets were built right here from chunk lengths, monotonic by construction; skipping
    // Array::make's per-element re-validation saves a full pass over them.
    return Array(std::make_shared<const ArrayData>(std::move(d)));
  }
  return Array::make(std::move(d));
}

}  // namespace deeprc::io
