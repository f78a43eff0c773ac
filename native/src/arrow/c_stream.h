// Arrow C Stream Interface: a table exported as a stream of record batches (struct arrays), and
// import of any producer's stream into one table.
#pragma once
#include <cstdint>

#include "arrow/table.h"
#include "deeprc/deeprc.h"

namespace deeprc::cdata {

// Move-only owner of an ArrowArrayStream (see OwnedArray in c_data.h).
class OwnedStream {
 public:
  OwnedStream() noexcept : s_{} {}
  explicit OwnedStream(ArrowArrayStream* src) noexcept;
  OwnedStream(OwnedStream&&) = delete;  // not needed; keeps the owner simple
  OwnedStream(const OwnedStream&) = delete;
  OwnedStream& operator=(const OwnedStream&) = delete;
  ~OwnedStream() { reset(); }
  void reset() noexcept;
  bool released() const noexcept { return s_.release == nullptr; }
  ArrowArrayStream* get() noexcept { return &s_; }

 private:
  ArrowArrayStream s_;
};

// Fills *out with a stream yielding zero-copy slices of at most max_batch_rows rows
// (0 = the whole table as one batch; a table without rows yields no batch). The stream keeps
// the table's buffers alive until it and every batch it produced are released.
void export_stream(const Table& table, int64_t max_batch_rows, ArrowArrayStream* out);

// Moves the stream in, reads the schema and every batch, and concatenates them (a single batch
// stays zero-copy). The stream is released in all cases. A producer error becomes an Error
// carrying the producer's get_last_error message and errno.
Table import_stream(ArrowArrayStream* stream);

}  // namespace deeprc::cdata
