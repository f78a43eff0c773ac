#include "io/csv_tokenizer.h"

#include <algorithm>

namespace deeprc::io {

RowBatch::RowBatch(int num_columns, int64_t capacity)
    : num_columns_(num_columns),
      capacity_(capacity),
      spans_(static_cast<size_t>(std::max(num_columns, 1)) * static_cast<size_t>(capacity)),
      row_offsets_(static_cast<size_t>(capacity)) {}

int64_t default_batch_rows(int num_columns) { return std::max<int64_t>(16, 32768 / std::max(num_columns, 1)); }

BatchTokenizer::BatchTokenizer(const char* base, const CsvDialect& dialect, int num_columns)
    : base_(base), dialect_(dialect), num_columns_(num_columns), finder_(dialect) {}

namespace {

// Stores the first num_columns fields of a record into the batch and counts all of them.
struct BatchSink {
  RowBatch& batch;
  const char* base;
  int64_t row;
  int num_columns;
  int count = 0;
  bool too_long = false;
  void operator()(int field, const char* begin, int64_t length, uint32_t flags) {
    count = field + 1;
    if (field >= num_columns) return;
    if (length > static_cast<int64_t>(UINT32_MAX)) too_long = true;
    batch.mutable_column(field)[row] = FieldSpan{begin - base, static_cast<uint32_t>(length), flags};
  }
};

struct StringSink {
  std::vector<std::string>& out;
  char quote;
  void operator()(int field, const char* begin, int64_t length, uint32_t flags) {
    if (static_cast<size_t>(field) >= out.size()) out.resize(static_cast<size_t>(field) + 1);
    if (flags & kFieldEscaped) unescape_field(begin, static_cast<size_t>(length), quote, out[static_cast<size_t>(field)]);
    else out[static_cast<size_t>(field)].assign(begin, static_cast<size_t>(length));
  }
};

std::string plural_fields(int n) { return std::to_string(n) + (n == 1 ? " field" : " fields"); }

}  // namespace

int64_t BatchTokenizer::fill(int64_t pos, int64_t end, RowBatch& batch, CsvIssue& issue) const {
  const char* const stop = base_ + end;
  int64_t row = 0;
  int64_t* row_offsets = batch.mutable_row_offsets();
  while (row < batch.capacity() && pos < end) {
    const char* p = base_ + pos;
    if (num_columns_ > 1) {
      if (const int blank = blank_line_length(p, stop)) {
        pos += blank;
        continue;
      }
    }
    BatchSink sink{batch, base_, row, num_columns_};
    const char* next = scan_record(base_, p, stop, dialect_, finder_, sink, issue);
    if (next == nullptr) break;
    if (sink.count != num_columns_) {
      issue = {pos, sink.count < num_columns_ ? sink.count : -1,
               "expected " + plural_fields(num_columns_) + ", found " + std::to_string(sink.count) +
                   (sink.count < num_columns_ ? " (too few fields)" : " (too many fields)")};
      break;
    }
    if (sink.too_long) {
      issue = {pos, -1, "a field is longer than 4 GiB"};
      break;
    }
    row_offsets[row++] = pos;
    pos = next - base_;
  }
  batch.set_num_rows(row);
  return pos;
}

int64_t parse_record_strings(const char* base, int64_t pos, int64_t end, const CsvDialect& d,
                             std::vector<std::string>& out, CsvIssue& issue) {
  const SpecialFinder finder(d);
  out.clear();
  StringSink sink{out, d.quote};
  const char* next = scan_record(base, base + pos, base + end, d, finder, sink, issue);
  return next == nullptr ? -1 : next - base;
}

void unescape_field(const char* text, size_t length, char quote, std::string& out) {
  out.clear();
  out.reserve(length);
  for (size_t i = 0; i < length; ++i) {
    out += text[i];
    if (text[i] == quote && i + 1 < length && text[i + 1] == quote) ++i;
  }
}

namespace {

// Counts quote characters in [p, stop) and flips `in_quotes` for each.
void flip_on_quotes(const char* p, const char* stop, char quote, bool& in_quotes) {
  while (p < stop) {
    p = static_cast<const char*>(std::memchr(p, quote, static_cast<size_t>(stop - p)));
    if (p == nullptr) return;
    in_quotes = !in_quotes;
    ++p;
  }
}

// From p, whose quote state is `in_quotes`, finds the start of the next record (after a newline
// outside quotes), or `stop` when there is none.
const char* next_record_start(const char* p, const char* stop, const CsvDialect& d, bool& in_quotes) {
  while (p < stop) {
    if (in_quotes) {
      p = static_cast<const char*>(std::memchr(p, d.quote, static_cast<size_t>(stop - p)));
      if (p == nullptr) return stop;
      in_quotes = false;
      ++p;
      continue;
    }
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(stop - p)));
    const char* limit = nl == nullptr ? stop : nl;
    const char* q = d.quoting ? static_cast<const char*>(std::memchr(p, d.quote, static_cast<size_t>(limit - p))) : nullptr;
    if (q != nullptr) {
      in_quotes = true;
      p = q + 1;
      continue;
    }
    return nl == nullptr ? stop : nl + 1;
  }
  return stop;
}

}  // namespace

std::vector<int64_t> find_block_bounds(const char* base, int64_t begin, int64_t end, int64_t block_size,
                                       const CsvDialect& d) {
  std::vector<int64_t> bounds{begin};
  block_size = std::max<int64_t>(block_size, 1);
  bool in_quotes = false;
  int64_t pos = begin;
  while (end - pos > block_size) {
    const int64_t target = pos + block_size;
    if (d.quoting) flip_on_quotes(base + pos, base + target, d.quote, in_quotes);
    pos = next_record_start(base + target, base + end, d, in_quotes) - base;
    if (pos >= end) break;
    bounds.push_back(pos);
  }
  bounds.push_back(end);
  return bounds;
}

}  // namespace deeprc::io
