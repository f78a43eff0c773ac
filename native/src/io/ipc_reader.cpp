#include "io/ipc_reader.h"

#include <flatbuffers/flatbuffers.h>

#include <cstring>
#include <optional>
#include <vector>

#include "File_generated.h"
#include "Message_generated.h"
#include "arrow/builder.h"
#include "arrow/selection.h"
#include "core/error.h"
#include "io/ipc_batch.h"
#include "io/ipc_format.h"
#include "io/ipc_metadata.h"
#include "io/mapped_file.h"

namespace deeprc::io {

namespace {

using namespace ipc;

// Flatbuffers accessors read scalars through plain pointer casts, so the metadata must be
// suitably aligned; metadata at an odd position (legacy framing, a foreign writer, corruption)
// is copied into 8-byte aligned storage first.
class AlignedBytes {
 public:
  AlignedBytes(const uint8_t* p, int64_t n) : ptr_(p), size_(n) {
    if (reinterpret_cast<uintptr_t>(p) % 8 != 0) {
      copy_.resize(static_cast<size_t>((n + 7) / 8));
      if (n > 0) std::memcpy(copy_.data(), p, static_cast<size_t>(n));
      ptr_ = reinterpret_cast<const uint8_t*>(copy_.data());
    }
  }
  const uint8_t* data() const noexcept { return ptr_; }
  int64_t size() const noexcept { return size_; }

 private:
  const uint8_t* ptr_;
  int64_t size_;
  std::vector<uint64_t> copy_;
};

flatbuffers::Verifier::Options verifier_options() {
  flatbuffers::Verifier::Options o;
  o.max_depth = 64;
  o.max_tables = 1'000'000;
  return o;
}

struct MessageView {
  std::optional<AlignedBytes> meta;
  const fb::Message* msg = nullptr;
  int64_t body_offset = 0;  // relative to the start of the data
  int64_t body_length = 0;
  int64_t end = 0;          // position after the body
};

class IpcDecoder {
 public:
  IpcDecoder(BufferPtr data, std::string source) : data_(std::move(data)), src_(std::move(source)) {}

  Table read() {
    const int64_t n = data_->size();
    if (n == 0) throw_parse(src_ + ": file is empty (not Arrow IPC data)");
    if (n >= kMagicSize && std::memcmp(data_->data(), kMagic, kMagicSize) == 0) return read_file();
    return read_stream();
  }

 private:
  // Reads the encapsulated message at `pos` (continuation marker or legacy bare length).
  // Returns false on the end-of-stream marker or at the end of the data.
  bool read_message(int64_t pos, int64_t limit, MessageView& out) {
    const uint8_t* base = data_->data();
    if (pos == limit) return false;
    if (limit - pos < 4) throw_parse(src_ + ": truncated message header at byte " + std::to_string(pos));
    uint32_t word;
    std::memcpy(&word, base + pos, 4);
    int64_t header = 4;
    int32_t len;
    if (word == kContinuation) {
      if (limit - pos < 8) throw_parse(src_ + ": truncated message header at byte " + std::to_string(pos));
      std::memcpy(&len, base + pos + 4, 4);
      header = 8;
    } else {
      std::memcpy(&len, &word, 4);
    }
    if (len == 0) return false;
    if (len < 0) throw_parse(src_ + ": negative message length " + std::to_string(len) + " at byte " + std::to_string(pos));
    if (len > limit - pos - header)
      throw_parse(src_ + ": truncated: message at byte " + std::to_string(pos) + " claims " + std::to_string(len) +
                  " bytes of metadata but only " + std::to_string(limit - pos - header) + " remain");
    out.meta.emplace(base + pos + header, len);
    flatbuffers::Verifier v(out.meta->data(), static_cast<size_t>(len), verifier_options());
    if (!fb::VerifyMessageBuffer(v))
      throw_parse(src_ + ": corrupt message metadata at byte " + std::to_string(pos) + " (flatbuffer verification failed)");
    out.msg = fb::GetMessage(out.meta->data());
    if (out.msg->version() < fb::MetadataVersion::V4)
      throw_unsupported(src_ + ": Arrow metadata version V" + std::to_string(static_cast<int>(out.msg->version()) + 1) +
                        " is too old (V4 or V5 required)");
    out.body_offset = pos + header + len;
    out.body_length = out.msg->bodyLength();
    if (out.body_length < 0 || out.body_length > limit - out.body_offset)
      throw_parse(src_ + ": truncated: message at byte " + std::to_string(pos) + " has a body of " +
                  std::to_string(out.body_length) + " bytes but only " + std::to_string(limit - out.body_offset) +
                  " remain");
    out.end = out.body_offset + out.body_length;
    return true;
  }

  Table batch_of(const MessageView& m, const Schema& schema, int64_t index) {
    switch (m.msg->header_type()) {
      case fb::MessageHeader::RecordBatch: break;
      case fb::MessageHeader::DictionaryBatch:
        throw_unsupported(src_ + ": dictionary batches (dictionary-encoded columns) are not supported");
      case fb::MessageHeader::Schema: throw_parse(src_ + ": unexpected second schema message");
      default:
        throw_unsupported(src_ + ": unsupported IPC message type " +
                          std::to_string(static_cast<int>(m.msg->header_type())));
    }
    BatchContext ctx{data_, m.body_offset, m.body_length, src_ + ": record batch " + std::to_string(index)};
    return decode_record_batch(m.msg->header_as_RecordBatch(), schema, ctx);
  }

  Table read_stream() {
    MessageView m;
    if (!read_message(0, data_->size(), m)) throw_parse(src_ + ": stream ends before its schema message");
    if (m.msg->header_type() != fb::MessageHeader::Schema)
      throw_parse(src_ + ": stream does not start with a schema message");
    const Schema schema = parse_schema(m.msg->header_as_Schema(), src_);
    std::vector<Table> batches;
    int64_t pos = m.end;
    while (true) {
      MessageView b;
      if (!read_message(pos, data_->size(), b)) break;
      batches.push_back(batch_of(b, schema, static_cast<int64_t>(batches.size())));
      pos = b.end;
    }
    return assemble(schema, std::move(batches));
  }

  Table read_file() {
    const uint8_t* base = data_->data();
    const int64_t n = data_->size();
    // magic(8) ... footer, int32 footer length, magic(6)
    if (n < kFileHeaderSize + 4 + kMagicSize)
      throw_parse(src_ + ": truncated Arrow file (" + std::to_string(n) + " bytes)");
    if (std::memcmp(base + n - kMagicSize, kMagic, kMagicSize) != 0)
      throw_parse(src_ + ": truncated or corrupt Arrow file: trailing ARROW1 magic is missing");
    int32_t footer_len;
    std::memcpy(&footer_len, base + n - kMagicSize - 4, 4);
    const int64_t footer_end = n - kMagicSize - 4;
    if (footer_len <= 0 || footer_len > footer_end - kFileHeaderSize)
      throw_parse(src_ + ": corrupt Arrow file: footer length " + std::to_string(footer_len) + " is out of range");
    const int64_t footer_pos = footer_end - footer_len;
    AlignedBytes footer_bytes(base + footer_pos, footer_len);
    flatbuffers::Verifier v(footer_bytes.data(), static_cast<size_t>(footer_len), verifier_options());
    if (!fb::VerifyFooterBuffer(v)) throw_parse(src_ + ": corrupt Arrow file footer (flatbuffer verification failed)");
    const fb::Footer* footer = fb::GetFooter(footer_bytes.data());
    if (footer->schema() == nullptr) throw_parse(src_ + ": Arrow file footer has no schema");
    const Schema schema = parse_schema(footer->schema(), src_);
    if (footer->dictionaries() && footer->dictionaries()->size() > 0)
      throw_unsupported(src_ + ": dictionary batches (dictionary-encoded columns) are not supported");
    std::vector<Table> batches;
    if (footer->recordBatches()) {
      for (flatbuffers::uoffset_t i = 0; i < footer->recordBatches()->size(); ++i) {
        const fb::Block* blk = footer->recordBatches()->Get(i);
        const std::string what = src_ + ": record batch " + std::to_string(i);
        const int64_t off = blk->offset(), meta = blk->metaDataLength(), body = blk->bodyLength();
        if (off < kFileHeaderSize || meta <= 0 || body < 0 || off > footer_pos || meta > footer_pos - off ||
            body > footer_pos - off - meta)
          throw_parse(what + ": block (offset " + std::to_string(off) + ", metadata " + std::to_string(meta) +
                      ", body " + std::to_string(body) + ") lies outside the file's data section");
        MessageView m;
        if (!read_message(off, off + meta + body, m)) throw_parse(what + ": block holds no message");
        batches.push_back(batch_of(m, schema, static_cast<int64_t>(i)));
      }
    }
    return assemble(schema, std::move(batches));
  }

  Table assemble(const Schema& schema, std::vector<Table> batches) {
    if (batches.size() == 1) return std::move(batches[0]);
    if (batches.empty()) {
      std::vector<Array> cols;
      for (const Field& f : schema.fields()) cols.push_back(make_builder(f.type)->finish());
      return Table(schema, std::move(cols), 0);
    }
    if (schema.num_fields() == 0) {
      int64_t rows = 0;
      for (const auto& b : batches)
        if (__builtin_add_overflow(rows, b.num_rows(), &rows)) throw_parse(src_ + ": total row count overflows");
      return Table(schema, {}, rows);
    }
    return concat(batches);
  }

  BufferPtr data_;
  std::string src_;
};

}  // namespace

Table read_ipc_buffer(const BufferPtr& data, const std::string& source) { return IpcDecoder(data, source).read(); }

Table read_ipc(const std::string& path) { return read_ipc_buffer(map_file(path), "'" + path + "'"); }

Table read_ipc_bytes(const uint8_t* data, int64_t size, const std::string& source) {
  if (size < 0) throw_invalid("IPC byte count must be >= 0, got " + std::to_string(size));
  if (size > 0 && data == nullptr) throw_invalid("IPC bytes are NULL");
  return read_ipc_buffer(Buffer::copy_of(data, size), source);
}

}  // namespace deeprc::io
