#include "io/ipc_compression.h"

#include <lz4frame.h>
#include <zstd.h>

#include <cstring>
#include <memory>

#include "core/error.h"

namespace deeprc::io::ipc {

const char* compression_name(Compression c) {
  switch (c) {
    case Compression::None: return "none";
    case Compression::Lz4Frame: return "lz4_frame";
    case Compression::Zstd: return "zstd";
  }
  return "?";
}

namespace {

// LZ4 cannot expand data by more than ~255x; anything claiming more is corrupt. Checking this
// before allocating keeps a corrupt prefix from requesting terabytes.
constexpr int64_t kLz4MaxRatio = 256;
// ZSTD can legitimately reach higher ratios; frames written by Arrow implementations carry their
// content size, which must then match the prefix exactly. Frames without it are capped here.
constexpr int64_t kZstdUnknownSizeMaxRatio = 4096;
constexpr int64_t kSlack = 1 << 16;

struct Lz4Ctx {
  LZ4F_dctx* ctx = nullptr;
  ~Lz4Ctx() {
    if (ctx) LZ4F_freeDecompressionContext(ctx);
  }
};

void put_prefix(std::vector<uint8_t>& out, size_t at, int64_t v) { std::memcpy(out.data() + at, &v, 8); }

}  // namespace

void compress_buffer(Compression codec, const uint8_t* data, int64_t size, std::vector<uint8_t>& out) {
  const size_t start = out.size();
  out.resize(start + 8);
  size_t written = 0;
  bool ok = false;
  if (codec == Compression::Lz4Frame) {
    LZ4F_preferences_t prefs;
    std::memset(&prefs, 0, sizeof prefs);
    prefs.frameInfo.contentSize = static_cast<unsigned long long>(size);
    const size_t bound = LZ4F_compressFrameBound(static_cast<size_t>(size), &prefs);
    out.resize(start + 8 + bound);
    written = LZ4F_compressFrame(out.data() + start + 8, bound, data, static_cast<size_t>(size), &prefs);
    ok = !LZ4F_isError(written);
  } else if (codec == Compression::Zstd) {
    const size_t bound = ZSTD_compressBound(static_cast<size_t>(size));
    out.resize(start + 8 + bound);
    written = ZSTD_compress(out.data() + start + 8, bound, data, static_cast<size_t>(size), 1);
    ok = !ZSTD_isError(written);
  } else {
    throw_internal("compress_buffer called without a codec");
  }
  if (ok && static_cast<int64_t>(written) < size) {
    out.resize(start + 8 + written);
    put_prefix(out, start, size);
    return;
  }
  // Incompressible (or the codec failed): the format allows storing the bytes as they are.
  out.resize(start + 8 + static_cast<size_t>(size));
  put_prefix(out, start, kUncompressedMarker);
  std::memcpy(out.data() + start + 8, data, static_cast<size_t>(size));
}

BufferPtr decompress_buffer(Compression codec, const uint8_t* data, int64_t size, const std::string& what) {
  if (size < 8) throw_parse(what + ": compressed buffer of " + std::to_string(size) + " bytes lacks its 8-byte length prefix");
  int64_t raw_size;
  std::memcpy(&raw_size, data, 8);
  const uint8_t* src = data + 8;
  const int64_t src_size = size - 8;
  if (raw_size == kUncompressedMarker) return Buffer::copy_of(src, src_size);
  if (raw_size < 0) throw_parse(what + ": negative uncompressed length " + std::to_string(raw_size));

  if (codec == Compression::Lz4Frame) {
    if (raw_size > src_size * kLz4MaxRatio + kSlack)
      throw_parse(what + ": uncompressed length " + std::to_string(raw_size) + " is impossible for " +
                  std::to_string(src_size) + " bytes of LZ4 data");
    auto out = Buffer::allocate(raw_size);
    Lz4Ctx d;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&d.ctx, LZ4F_VERSION))) throw Error(ErrorCode::OutOfMemory, "LZ4 context");
    // A buffer may hold several concatenated frames; decode until the output is complete. Bytes
    // after that are ignored, like the reference implementation does: some writers (apache-arrow
    // JS) count the buffer's alignment padding in its length.
    size_t in_pos = 0, out_pos = 0, rc = 1;
    auto step = [&](size_t out_cap) {
      size_t in_n = static_cast<size_t>(src_size) - in_pos;
      size_t out_n = out_cap;
      rc = LZ4F_decompress(d.ctx, out->mutable_data() + out_pos, &out_n, src + in_pos, &in_n, nullptr);
      if (LZ4F_isError(rc)) throw_parse(what + ": corrupt LZ4 frame (" + LZ4F_getErrorName(rc) + ")");
      in_pos += in_n;
      out_pos += out_n;
      return in_n != 0 || out_n != 0;
    };
    while (in_pos < static_cast<size_t>(src_size) && out_pos < static_cast<size_t>(raw_size))
      if (!step(static_cast<size_t>(raw_size) - out_pos)) break;  // no progress: input truncated
    // Output full: the frame must end here (only its end mark / checksum may remain). A frame
    // that still holds data means the prefix understates the size.
    if (rc != 0 && in_pos < static_cast<size_t>(src_size)) step(0);
    if (rc != 0 && out_pos == static_cast<size_t>(raw_size))
      throw_parse(what + ": LZ4 frame holds more than the " + std::to_string(raw_size) + " bytes its length prefix declares");
    if (out_pos != static_cast<size_t>(raw_size))
      throw_parse(what + ": LZ4 data decodes to " + std::to_string(out_pos) + " bytes, expected " + std::to_string(raw_size));
    return out;
  }
  if (codec == Compression::Zstd) {
    const unsigned long long declared = ZSTD_getFrameContentSize(src, static_cast<size_t>(src_size));
    if (declared == ZSTD_CONTENTSIZE_ERROR) throw_parse(what + ": corrupt ZSTD frame header");
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != static_cast<unsigned long long>(raw_size))
      throw_parse(what + ": ZSTD frame holds " + std::to_string(declared) + " bytes, prefix says " + std::to_string(raw_size));
    if (declared == ZSTD_CONTENTSIZE_UNKNOWN && raw_size > src_size * kZstdUnknownSizeMaxRatio + kSlack)
      throw_parse(what + ": uncompressed length " + std::to_string(raw_size) + " is implausible for " +
                  std::to_string(src_size) + " bytes of ZSTD data");
    auto out = Buffer::allocate(raw_size);
    const size_t n = ZSTD_decompress(out->mutable_data(), static_cast<size_t>(raw_size), src, static_cast<size_t>(src_size));
    if (ZSTD_isError(n)) throw_parse(what + ": corrupt ZSTD data (" + ZSTD_getErrorName(n) + ")");
    if (n != static_cast<size_t>(raw_size))
      throw_parse(what + ": ZSTD data decodes to " + std::to_string(n) + " bytes, expected " + std::to_string(raw_size));
    return out;
  }
  throw_internal("decompress_buffer called without a codec");
}

}  // namespace deeprc::io::ipc
