// Gathers the body buffers of one record batch: the Arrow buffers of every column for a row
// range, re-based where the source array is a slice, optionally compressed.
#pragma once
#include <cstdint>
#include <vector>

#include "Message_generated.h"
#include "arrow/table.h"
#include "io/ipc_format.h"

namespace deeprc::io::ipc {

namespace fb = org::apache::arrow::flatbuf;

// One body buffer: a view of column memory (no copy) or of bytes owned by the RecordBatchBody.
struct BodyPart {
  const uint8_t* data = nullptr;
  int64_t size = 0;
};

struct RecordBatchBody {
  int64_t length = 0;                         // rows
  std::vector<fb::FieldNode> nodes;           // one per column
  std::vector<fb::Buffer> buffers;            // offsets relative to the body start
  std::vector<BodyPart> parts;                // same order as buffers
  int64_t body_length = 0;                    // padded total
  std::vector<BufferPtr> owned;               // re-based bitmaps/offsets the parts point into
  std::vector<std::vector<uint8_t>> compressed;
};

// Rows [start, start+length) of `table`.
RecordBatchBody collect_body(const Table& table, int64_t start, int64_t length, Compression compression);

}  // namespace deeprc::io::ipc
