#include "io/ipc_writer.h"

#include <flatbuffers/flatbuffers.h>

#include <algorithm>
#include <cstring>

#include "File_generated.h"
#include "Message_generated.h"
#include "core/error.h"
#include "io/atomic_file.h"
#include "io/ipc_body.h"
#include "io/ipc_metadata.h"

namespace deeprc::io {

namespace {

using namespace ipc;

constexpr uint8_t kZeros[kBodyAlignment] = {};

class IpcEncoder {
 public:
  IpcEncoder(const IpcSink& sink, const IpcWriteOptions& opt, const Schema& schema)
      : sink_(sink), opt_(opt), schema_(schema) {}

  void begin() {
    if (opt_.format == Format::File) {
      put(kMagic, kMagicSize);
      put(kZeros, kFileHeaderSize - kMagicSize);
    }
    flatbuffers::FlatBufferBuilder b;
    auto s = build_schema(b, schema_);
    b.Finish(fb::CreateMessage(b, fb::MetadataVersion::V5, fb::MessageHeader::Schema, s.Union(), 0));
    put_message(b);
  }

  void batch(const Table& table, int64_t start, int64_t length) {
    RecordBatchBody body = collect_body(table, start, length, opt_.compression);
    flatbuffers::FlatBufferBuilder b(1024 + 48 * body.buffers.size());
    auto nodes = b.CreateVectorOfStructs(body.nodes);
    auto buffers = b.CreateVectorOfStructs(body.buffers);
    flatbuffers::Offset<fb::BodyCompression> comp;
    if (opt_.compression != Compression::None) {
      const auto codec = opt_.compression == Compression::Lz4Frame ? fb::CompressionType::LZ4_FRAME : fb::CompressionType::ZSTD;
      comp = fb::CreateBodyCompression(b, codec, fb::BodyCompressionMethod::BUFFER);
    }
    auto rb = fb::CreateRecordBatch(b, body.length, nodes, buffers, comp);
    b.Finish(fb::CreateMessage(b, fb::MetadataVersion::V5, fb::MessageHeader::RecordBatch, rb.Union(), body.body_length));
    const int64_t offset = pos_;
    const int64_t meta_len = put_message(b);
    for (const auto& p : body.parts) {
      put(p.data, p.size);
      put(kZeros, pad_to(p.size, kBodyAlignment) - p.size);
    }
    blocks_.emplace_back(offset, static_cast<int32_t>(meta_len), body.body_length);
  }

  void finish() {
    const uint32_t eos[2] = {kContinuation, 0};
    put(eos, sizeof eos);
    if (opt_.format != Format::File) return;
    flatbuffers::FlatBufferBuilder b;
    auto s = build_schema(b, schema_);
    auto dicts = b.CreateVectorOfStructs(std::vector<fb::Block>{});
    auto batches = b.CreateVectorOfStructs(blocks_);
    b.Finish(fb::CreateFooter(b, fb::MetadataVersion::V5, s, dicts, batches));
    put(b.GetBufferPointer(), b.GetSize());
    const auto footer_len = static_cast<int32_t>(b.GetSize());
    put(&footer_len, 4);
    put(kMagic, kMagicSize);
  }

 private:
  void put(const void* p, int64_t n) {
    if (n <= 0) return;
    sink_(p, static_cast<size_t>(n));
    pos_ += n;
  }

  // Continuation marker, int32 length, flatbuffer, zero padding up to the next 64-byte boundary
  // (so the body that follows is aligned). Returns the bytes written (the Block's
  // metaDataLength, which counts the 8-byte prefix).
  int64_t put_message(const flatbuffers::FlatBufferBuilder& b) {
    const auto size = static_cast<int64_t>(b.GetSize());
    const int64_t end = pad_to(pos_ + 8 + size, kBodyAlignment);
    const int64_t padded = end - pos_ - 8;
    if (padded > INT32_MAX) throw_invalid("IPC writer: metadata of " + std::to_string(size) + " bytes is too large");
    const uint32_t marker = kContinuation;
    const auto len = static_cast<int32_t>(padded);
    put(&marker, 4);
    put(&len, 4);
    put(b.GetBufferPointer(), size);
    put(kZeros, padded - size);
    return 8 + padded;
  }

  const IpcSink& sink_;
  const IpcWriteOptions& opt_;
  const Schema& schema_;
  int64_t pos_ = 0;
  std::vector<fb::Block> blocks_;
};

void check_options(const IpcWriteOptions& o) {
  if (o.format != Format::Stream && o.format != Format::File)
    throw_invalid("unknown IPC format " + std::to_string(static_cast<int>(o.format)) + " (expected 0 = stream or 1 = file)");
  if (o.compression != Compression::None && o.compression != Compression::Lz4Frame && o.compression != Compression::Zstd)
    throw_invalid("unknown IPC compression " + std::to_string(static_cast<int>(o.compression)) +
                  " (expected 0 = none, 1 = lz4_frame or 2 = zstd)");
  if (o.max_batch_rows < 0) throw_invalid("max_batch_rows must be >= 0, got " + std::to_string(o.max_batch_rows));
}

}  // namespace

void write_ipc_to(const Table& table, const IpcWriteOptions& options, const IpcSink& sink) {
  check_options(options);
  IpcEncoder enc(sink, options, table.schema());
  enc.begin();
  const int64_t rows = table.num_rows();
  const int64_t step = options.max_batch_rows > 0 ? options.max_batch_rows : std::max<int64_t>(rows, 1);
  // An empty table still gets one (empty) record batch, as other Arrow writers do.
  int64_t start = 0;
  do {
    const int64_t n = std::min(step, rows - start);
    enc.batch(table, start, n);
    start += n;
  } while (start < rows);
  enc.finish();
}

void write_ipc(const Table& table, const std::string& path, const IpcWriteOptions& options) {
  check_options(options);
  AtomicFile file(path);
  write_ipc_to(table, options, [&](const void* p, size_t n) { file.write(p, n); });
  file.commit();
}

std::vector<uint8_t> write_ipc_bytes(const Table& table, const IpcWriteOptions& options) {
  std::vector<uint8_t> out;
  write_ipc_to(table, options, [&](const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    out.insert(out.end(), b, b + n);
  });
  return out;
}

}  // namespace deeprc::io
