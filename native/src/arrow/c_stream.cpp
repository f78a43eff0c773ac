#include "arrow/c_stream.h"

#include <algorithm>
#include <cerrno>
#include <memory>
#include <new>
#include <string>
#include <system_error>
#include <vector>

#include "arrow/c_data.h"
#include "arrow/selection.h"
#include "core/error.h"

namespace deeprc::cdata {

OwnedStream::OwnedStream(ArrowArrayStream* src) noexcept : s_{} {
  if (src == nullptr) return;
  s_ = *src;
  src->release = nullptr;
}

void OwnedStream::reset() noexcept {
  if (s_.release != nullptr) s_.release(&s_);
  s_.release = nullptr;
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------
namespace {

struct StreamPrivate {
  Table table;
  int64_t batch_rows = 0;
  int64_t next_row = 0;
  std::string last_error;
};

StreamPrivate* priv(ArrowArrayStream* s) { return static_cast<StreamPrivate*>(s->private_data); }

// The callbacks are called from C: nothing may escape them. Errors become an errno code and a
// message kept for get_last_error.
template <typename F>
int guarded(ArrowArrayStream* s, F&& body) noexcept {
  if (s == nullptr || s->release == nullptr) return EINVAL;  // released streams cannot be used
  StreamPrivate* p = priv(s);
  int code = 0;
  const char* msg = nullptr;
  try {
    body(*p);
    return 0;
  } catch (const Error& e) {
    code = e.code() == ErrorCode::OutOfMemory ? ENOMEM : e.code() == ErrorCode::IO ? EIO : EINVAL;
    msg = e.what();
    try {
      p->last_error = msg;
    } catch (...) {
      p->last_error.clear();
    }
    return code;
  } catch (const std::bad_alloc&) {
    p->last_error.clear();  // never allocates
    return ENOMEM;
  } catch (const std::exception& e) {
    try {
      p->last_error = std::string("internal error: ") + e.what();
    } catch (...) {
      p->last_error.clear();
    }
    return EIO;
  } catch (...) {
    p->last_error.clear();
    return EIO;
  }
}

int stream_get_schema(ArrowArrayStream* s, ArrowSchema* out) {
  return guarded(s, [&](StreamPrivate& p) {
    if (out == nullptr) throw_invalid("get_schema: out is NULL");
    export_schema(p.table.schema(), out);
  });
}

int stream_get_next(ArrowArrayStream* s, ArrowArray* out) {
  return guarded(s, [&](StreamPrivate& p) {
    if (out == nullptr) throw_invalid("get_next: out is NULL");
    const int64_t rows = p.table.num_rows();
    if (p.next_row >= rows) {
      *out = ArrowArray{};  // end of stream: a released array (release == NULL)
      return;
    }
    const int64_t n = p.batch_rows == 0 ? rows - p.next_row : std::min(p.batch_rows, rows - p.next_row);
    export_table(p.table.slice(p.next_row, n), out);  // zero-copy slice
    p.next_row += n;
  });
}

const char* stream_get_last_error(ArrowArrayStream* s) {
  if (s == nullptr || s->release == nullptr) return nullptr;
  const StreamPrivate* p = priv(s);
  return p->last_error.empty() ? nullptr : p->last_error.c_str();
}

void stream_release(ArrowArrayStream* s) {
  if (s == nullptr || s->release == nullptr) return;
  std::unique_ptr<StreamPrivate> owned(priv(s));
  s->private_data = nullptr;
  s->release = nullptr;
}

}  // namespace

void export_stream(const Table& table, int64_t max_batch_rows, ArrowArrayStream* out) {
  DRC_CHECK(out != nullptr, "export_stream: out is NULL");
  if (max_batch_rows < 0) throw_invalid("max_batch_rows must be >= 0, got " + std::to_string(max_batch_rows));
  auto p = std::make_unique<StreamPrivate>();
  p->table = table;  // shares the columns' buffers
  p->batch_rows = max_batch_rows;
  ArrowArrayStream s{};
  s.get_schema = &stream_get_schema;
  s.get_next = &stream_get_next;
  s.get_last_error = &stream_get_last_error;
  s.release = &stream_release;
  s.private_data = p.release();
  *out = s;
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------
namespace {

// Turns a producer's errno and get_last_error into an Error. The message must be copied now:
// it is only valid until the next call on the stream or its release.
[[noreturn]] void producer_failed(ArrowArrayStream* s, const std::string& where, int rc) {
  std::string msg;
  if (s->get_last_error != nullptr) {
    const char* m = s->get_last_error(s);
    if (m != nullptr) msg = m;
  }
  if (msg.empty()) msg = "no error message";
  const std::string text = "Arrow stream producer failed in " + where + ": " + msg + " (errno " +
                           std::to_string(rc) + ": " + std::generic_category().message(rc) + ")";
  switch (rc) {
    case ENOMEM: throw Error(ErrorCode::OutOfMemory, text);
    case EINVAL: throw Error(ErrorCode::Invalid, text);
    case ENOSYS:
    case ENOTSUP: throw Error(ErrorCode::Unsupported, text);
    default: throw Error(ErrorCode::IO, text);  // the source failed to deliver, like a read error
  }
}

Table empty_table(const Schema& schema) {
  std::vector<Array> cols;
  for (const auto& f : schema.fields()) {
    ArrayData d;
    d.type = f.type;
    cols.push_back(Array::make(std::move(d)));
  }
  return Table(schema, std::move(cols), 0);
}

}  // namespace

Table import_stream(ArrowArrayStream* stream) {
  OwnedStream owned(stream);  // released when we return or throw
  if (owned.released()) throw_invalid("ArrowArrayStream is NULL or already released");
  ArrowArrayStream* s = owned.get();
  if (s->get_schema == nullptr || s->get_next == nullptr)
    throw_invalid("ArrowArrayStream has NULL get_schema or get_next callbacks");

  ArrowSchema raw_schema{};
  const int rc_schema = s->get_schema(s, &raw_schema);
  OwnedSchema schema_owner(&raw_schema);  // in case a failing producer filled it anyway
  if (rc_schema != 0) producer_failed(s, "get_schema", rc_schema);
  const Schema schema = import_schema(std::move(schema_owner));

  std::vector<Table> batches;
  for (;;) {
    ArrowArray raw{};
    const int rc = s->get_next(s, &raw);
    OwnedArray batch(&raw);
    if (rc != 0) producer_failed(s, "get_next (batch " + std::to_string(batches.size()) + ")", rc);
    if (batch.released()) break;  // end of stream
    try {
      batches.push_back(import_record_batch(schema, std::move(batch)));
    } catch (const Error& e) {
      throw Error(e.code(), "batch " + std::to_string(batches.size()) + " of the stream: " + e.what());
    }
  }
  if (batches.empty()) return empty_table(schema);
  return concat(batches);  // a single batch is returned as is (zero-copy)
}

}  // namespace deeprc::cdata
