// Constants of the Arrow IPC framing (stream and file format) shared by reader and writer.
#pragma once
#include <cstdint>
#include <string>

namespace deeprc::io::ipc {

// Every encapsulated message starts with this marker, then an int32 metadata length.
inline constexpr uint32_t kContinuation = 0xFFFFFFFFu;
// File format: "ARROW1" padded to 8 bytes at the start, bare "ARROW1" at the end.
inline constexpr char kMagic[6] = {'A', 'R', 'R', 'O', 'W', '1'};
inline constexpr int64_t kMagicSize = 6;
inline constexpr int64_t kFileHeaderSize = 8;
// Body buffers are padded to 64 bytes (Arrow's recommended alignment) and the metadata is padded
// so every body starts 64-byte aligned relative to the start of the file/stream: a reader that
// maps the file can then use the buffers in place.
inline constexpr int64_t kBodyAlignment = 64;
// Compressed buffers start with the int64 uncompressed length; -1 means "stored uncompressed".
inline constexpr int64_t kUncompressedMarker = -1;

inline int64_t pad_to(int64_t n, int64_t a) { return (n + a - 1) / a * a; }

enum class Format : int32_t { Stream = 0, File = 1 };
enum class Compression : int32_t { None = 0, Lz4Frame = 1, Zstd = 2 };

const char* compression_name(Compression c);

}  // namespace deeprc::io::ipc
