// Decoding of one RecordBatch message body into a Table: bounds-checked buffers, optional
// decompression, zero-copy views of the source data where alignment allows.
#pragma once
#include <string>

#include "Message_generated.h"
#include "arrow/buffer.h"
#include "arrow/table.h"

namespace deeprc::io::ipc {

struct BatchContext {
  BufferPtr data;       // the whole file/stream; slices of it keep it alive
  int64_t body_offset;  // where this message's body starts in `data`
  int64_t body_length;
  std::string what;     // "<file>: record batch <i>", prefixes errors
};

Table decode_record_batch(const org::apache::arrow::flatbuf::RecordBatch* rb, const Schema& schema,
                          const BatchContext& ctx);

}  // namespace deeprc::io::ipc
