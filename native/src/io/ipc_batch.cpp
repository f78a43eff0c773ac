#include "io/ipc_batch.h"

#include <cstring>
#include <vector>

#include "arrow/bitmap.h"
#include "core/error.h"
#include "io/ipc_compression.h"
#include "io/ipc_format.h"

namespace deeprc::io::ipc {

namespace fb = org::apache::arrow::flatbuf;

namespace {

// Largest element count for which (n + 1) * 8 cannot overflow.
constexpr int64_t kMaxLength = INT64_MAX / 8 - 1;

class BatchDecoder {
 public:
  BatchDecoder(const fb::RecordBatch* rb, const Schema& schema, const BatchContext& ctx)
      : rb_(rb), schema_(schema), ctx_(ctx) {}

  Table decode() {
    if (rb_ == nullptr) throw_parse(ctx_.what + ": message has no record batch header");
    const int64_t length = rb_->length();
    if (length < 0 || length > kMaxLength) throw_parse(ctx_.what + ": invalid row count " + std::to_string(length));
    if (const fb::BodyCompression* c = rb_->compression()) {
      if (c->method() != fb::BodyCompressionMethod::BUFFER)
        throw_unsupported(ctx_.what + ": unsupported body compression method " + std::to_string(static_cast<int>(c->method())));
      if (c->codec() == fb::CompressionType::LZ4_FRAME) codec_ = Compression::Lz4Frame;
      else if (c->codec() == fb::CompressionType::ZSTD) codec_ = Compression::Zstd;
      else throw_unsupported(ctx_.what + ": unsupported compression codec " + std::to_string(static_cast<int>(c->codec())));
    }
    const int nf = schema_.num_fields();
    const auto* nodes = rb_->nodes();
    const auto* buffers = rb_->buffers();
    const int64_t have_nodes = nodes ? nodes->size() : 0;
    if (have_nodes < nf)
      throw_parse(ctx_.what + ": has " + std::to_string(have_nodes) + " field nodes, the schema needs " + std::to_string(nf));
    std::vector<Array> cols;
    cols.reserve(static_cast<size_t>(nf));
    for (int c = 0; c < nf; ++c) {
      const Field& f = schema_.field(c);
      col_ = "column '" + f.name + "'";
      const fb::FieldNode* node = nodes->Get(static_cast<flatbuffers::uoffset_t>(c));
      if (node->length() != length)
        throw_parse(ctx_.what + ": " + col_ + " has " + std::to_string(node->length()) + " rows, the batch has " +
                    std::to_string(length));
      if (node->null_count() < 0 || node->null_count() > length)
        throw_parse(ctx_.what + ": " + col_ + " has invalid null count " + std::to_string(node->null_count()));
      const int nbuf = is_string(f.type.id) ? 3 : 2;
      const int64_t have_bufs = buffers ? buffers->size() : 0;
      if (next_buffer_ + nbuf > have_bufs)
        throw_parse(ctx_.what + ": has " + std::to_string(have_bufs) + " buffers, too few for " + col_);
      cols.push_back(decode_column(f.type, length, node->null_count(), buffers));
    }
    return Table(schema_, std::move(cols), length);
  }

 private:
  // Body buffer i as a Buffer: decompressed, or a view of the source data. A view whose address
  // is not a multiple of `align` (possible with foreign writers) is copied so typed access stays
  // aligned.
  BufferPtr buffer(const flatbuffers::Vector<const fb::Buffer*>* bufs, int align, const char* kind) {
    const fb::Buffer* b = bufs->Get(static_cast<flatbuffers::uoffset_t>(next_buffer_++));
    const int64_t off = b->offset(), len = b->length();
    if (off < 0 || len < 0 || off > ctx_.body_length || len > ctx_.body_length - off)
      throw_parse(ctx_.what + ": " + col_ + ": " + kind + " buffer (offset " + std::to_string(off) + ", length " +
                  std::to_string(len) + ") lies outside the message body of " + std::to_string(ctx_.body_length) +
                  " bytes");
    const int64_t pos = ctx_.body_offset + off;
    if (codec_ != Compression::None && len > 0)
      return decompress_buffer(codec_, ctx_.data->data() + pos, len, ctx_.what + ": " + col_ + ": " + kind + " buffer");
    if (reinterpret_cast<uintptr_t>(ctx_.data->data() + pos) % static_cast<uintptr_t>(align) != 0)
      return Buffer::copy_of(ctx_.data->data() + pos, len);
    return ctx_.data->slice(pos, len);
  }

  void require_size(const BufferPtr& b, int64_t need, const char* kind) {
    if (b->size() < need)
      throw_parse(ctx_.what + ": " + col_ + ": " + kind + " buffer has " + std::to_string(b->size()) + " bytes, " +
                  std::to_string(need) + " needed");
  }

  Array decode_column(const DataType& type, int64_t length, int64_t nulls,
                      const flatbuffers::Vector<const fb::Buffer*>* bufs) {
    ArrayData a;
    a.type = type;
    a.length = length;
    a.null_count = nulls;
    BufferPtr validity = buffer(bufs, 1, "validity");
    if (nulls > 0) {
      require_size(validity, bits::bytes_for(length), "validity");
      a.validity = std::move(validity);
    }
    if (type.id == TypeId::Bool) {
      a.values = buffer(bufs, 1, "values");
      require_size(a.values, bits::bytes_for(length), "values");
    } else if (is_string(type.id)) {
      const int w = type.id == TypeId::LargeUtf8 ? 8 : 4;
      a.values = buffer(bufs, w, "offsets");
      // Some writers emit no offsets at all for an empty array.
      if (length == 0 && a.values->size() == 0) a.values = Buffer::allocate(w, /*zero=*/true);
      require_size(a.values, (length + 1) * w, "offsets");
      a.data = buffer(bufs, 1, "data");
    } else {
      const int w = byte_width(type.id);
      a.values = buffer(bufs, w, "values");
      require_size(a.values, length * w, "values");
    }
    // Full validation here (sizes were checked above), then the Array is built directly:
    // Array::make would repeat it, more slowly, and the read of an uncompressed file is
    // otherwise just pointer arithmetic.
    if (a.validity) {
      const int64_t counted = length - bits::count_set(a.validity->data(), 0, length);
      if (counted != nulls)
        throw_parse(ctx_.what + ": " + col_ + ": null count " + std::to_string(nulls) + " does not match the validity bitmap (" +
                    std::to_string(counted) + " nulls)");
    }
    if (type.id == TypeId::Utf8) check_offsets<int32_t>(a);
    if (type.id == TypeId::LargeUtf8) check_offsets<int64_t>(a);
    return Array(std::make_shared<const ArrayData>(std::move(a)));
  }

  // Offsets must start >= 0, never decrease, and end within the data buffer.
  template <typename O>
  void check_offsets(const ArrayData& a) {
    const O* o = a.values->as<O>();
    const int64_t n = a.length;
    bool bad = o[0] < 0;
    for (int64_t i = 0; i < n; ++i) bad |= o[i] > o[i + 1];  // branch-free: vectorises
    if (!bad && static_cast<int64_t>(o[n]) <= a.data->size()) return;
    if (o[0] < 0) throw_parse(ctx_.what + ": " + col_ + ": negative first string offset " + std::to_string(o[0]));
    for (int64_t i = 0; i < n; ++i)
      if (o[i] > o[i + 1]) throw_parse(ctx_.what + ": " + col_ + ": string offsets decrease at row " + std::to_string(i));
    throw_parse(ctx_.what + ": " + col_ + ": last string offset " + std::to_string(o[n]) + " is past the " +
                std::to_string(a.data->size()) + " bytes of string data");
  }

  const fb::RecordBatch* rb_;
  const Schema& schema_;
  const BatchContext& ctx_;
  Compression codec_ = Compression::None;
  int64_t next_buffer_ = 0;
  std::string col_;
};

}  // namespace

Table decode_record_batch(const fb::RecordBatch* rb, const Schema& schema, const BatchContext& ctx) {
  return BatchDecoder(rb, schema, ctx).decode();
}

}  // namespace deeprc::io::ipc
