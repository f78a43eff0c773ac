#include "io/csv_writer.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <functional>

#include "arrow/temporal.h"
#include "core/error.h"
#include "core/thread_pool.h"
#include "io/atomic_file.h"

namespace deeprc::io {
namespace {

constexpr int64_t kDefaultBlockRows = 32768;

void check_options(const CsvWriteOptions& o) {
  if (o.delimiter == '"' || o.delimiter == '\n' || o.delimiter == '\r' || o.delimiter == '\0')
    throw_invalid("CSV delimiter must not be a quote, a line break or NUL");
  for (const char c : o.null_value)
    if (c == o.delimiter || c == '"' || c == '\n' || c == '\r')
      throw_invalid("CSV null_value must not contain the delimiter, a quote or a line break");
}

// Appends to a std::string through a raw cursor: each value reserves its worst-case size once,
// then writes bytes directly (std::string::append per character or value is much slower).
class TextOut {
 public:
  explicit TextOut(std::string& s) : s_(s), n_(s.size()) {}
  ~TextOut() { s_.resize(n_); }
  TextOut(const TextOut&) = delete;
  TextOut& operator=(const TextOut&) = delete;
  char* reserve(size_t k) {
    if (n_ + k > s_.size()) s_.resize(std::max(s_.size() * 2, n_ + k + 4096));
    return s_.data() + n_;
  }
  void commit(char* end) { n_ = static_cast<size_t>(end - s_.data()); }
  void put(char c) {
    *reserve(1) = c;
    ++n_;
  }
  void put(std::string_view v) {
    char* p = reserve(v.size());
    if (!v.empty()) std::memcpy(p, v.data(), v.size());
    n_ += v.size();
  }

 private:
  std::string& s_;
  size_t n_;
};

// Formats rows into text, one block of rows at a time.
class RowFormatter {
 public:
  RowFormatter(const Table& t, const CsvWriteOptions& o) : table_(t), opt_(o), null_tokens_(default_csv_null_values()) {
    null_tokens_.push_back(o.null_value);
    special_['"'] = special_['\n'] = special_['\r'] = true;
    special_[static_cast<unsigned char>(o.delimiter)] = true;
  }

  void header(std::string& text) const {
    TextOut out(text);
    for (int c = 0; c < table_.num_columns(); ++c) {
      if (c > 0) out.put(opt_.delimiter);
      const std::string& name = table_.schema().field(c).name;
      append_text(out, name, needs_quotes(name));
    }
    out.put('\n');
  }

  void rows(int64_t begin, int64_t end, std::string& text) const {
    TextOut out(text);
    const int n = table_.num_columns();
    for (int64_t r = begin; r < end; ++r) {
      for (int c = 0; c < n; ++c) {
        if (c > 0) out.put(opt_.delimiter);
        value(table_.column(c), r, out);
      }
      out.put('\n');
    }
  }

 private:
  bool needs_quotes(std::string_view s) const {
    for (const char ch : s)
      if (special_[static_cast<unsigned char>(ch)]) return true;
    return false;
  }
  bool reads_as_null(std::string_view s) const {
    if (s.size() > 4 && s.size() != opt_.null_value.size()) return false;  // no default token is longer
    for (const auto& t : null_tokens_)
      if (s == t) return true;
    return false;
  }

  static void append_text(TextOut& out, std::string_view s, bool quote) {
    if (!quote) {
      out.put(s);
      return;
    }
    char* p = out.reserve(2 * s.size() + 2);
    *p++ = '"';
    for (const char ch : s) {
      if (ch == '"') *p++ = '"';
      *p++ = ch;
    }
    *p++ = '"';
    out.commit(p);
  }

  template <typename T>
  static void append_number(TextOut& out, T v) {
    char* p = out.reserve(64);
    out.commit(std::to_chars(p, p + 64, v).ptr);  // floats: shortest round-trip form
  }

  // The text of format_date32() / format_timestamp(), without a std::string per value.
  static void append_date(TextOut& out, int32_t days) {
    out.commit(write_date32(out.reserve(kMaxDate32Chars), days));
  }

  static void append_timestamp(TextOut& out, int64_t v, const DataType& type) {
    out.commit(write_timestamp(out.reserve(kMaxTimestampChars), v, type.unit, !type.timezone.empty()));
  }

  void value(const Array& a, int64_t r, TextOut& out) const {
    if (a.is_null(r)) {
      out.put(opt_.null_value);
      return;
    }
    switch (a.type_id()) {
      case TypeId::Bool: out.put(a.bool_value(r) ? std::string_view("true") : std::string_view("false")); return;
      case TypeId::Int8: return append_number(out, a.values<int8_t>()[r]);
      case TypeId::Int16: return append_number(out, a.values<int16_t>()[r]);
      case TypeId::Int32: return append_number(out, a.values<int32_t>()[r]);
      case TypeId::Int64: return append_number(out, a.values<int64_t>()[r]);
      case TypeId::UInt8: return append_number(out, a.values<uint8_t>()[r]);
      case TypeId::UInt16: return append_number(out, a.values<uint16_t>()[r]);
      case TypeId::UInt32: return append_number(out, a.values<uint32_t>()[r]);
      case TypeId::UInt64: return append_number(out, a.values<uint64_t>()[r]);
      case TypeId::Float32: return append_number(out, a.values<float>()[r]);
      case TypeId::Float64: return append_number(out, a.values<double>()[r]);
      case TypeId::Date32: return append_date(out, a.values<int32_t>()[r]);
      case TypeId::Timestamp: return append_timestamp(out, a.values<int64_t>()[r], a.type());
      case TypeId::Utf8:
      case TypeId::LargeUtf8: {
        const std::string_view s = a.string_value(r);
        append_text(out, s, s.empty() || needs_quotes(s) || reads_as_null(s));
        return;
      }
    }
    throw_unsupported("CSV: cannot write column type " + a.type().to_string());
  }

  const Table& table_;
  const CsvWriteOptions& opt_;
  std::vector<std::string> null_tokens_;
  bool special_[256] = {};
};

// Formats the table block by block, in parallel, handing each block's text to `sink` in order.
void format_table(const Table& t, const CsvWriteOptions& o, const std::function<void(const std::string&)>& sink) {
  check_options(o);
  RowFormatter fmt(t, o);
  if (o.include_header) {
    std::string h;
    fmt.header(h);
    sink(h);
  }
  const int threads = resolve_threads(o.num_threads);
  const int64_t block = o.block_rows > 0 ? o.block_rows : kDefaultBlockRows;
  const int64_t rows = t.num_rows();
  const int64_t group = block * threads * 4;  // bounds the text held in memory at once
  std::vector<std::string> texts(static_cast<size_t>(threads) * 4);
  for (int64_t g = 0; g < rows; g += group) {
    const int64_t g_end = std::min(rows, g + group);
    const int64_t n_blocks = (g_end - g + block - 1) / block;
    parallel_for(n_blocks, threads, [&](int64_t k) {
      std::string& s = texts[static_cast<size_t>(k)];
      s.clear();
      const int64_t b = g + k * block;
      fmt.rows(b, std::min(g_end, b + block), s);
    });
    for (int64_t k = 0; k < n_blocks; ++k) sink(texts[static_cast<size_t>(k)]);
  }
}

}  // namespace

void write_csv(const Table& table, const std::string& path, const CsvWriteOptions& options) {
  check_options(options);
  AtomicFile file(path);
  format_table(table, options, [&](const std::string& s) { file.write(s.data(), s.size()); });
  file.commit();
}

std::string write_csv_string(const Table& table, const CsvWriteOptions& options) {
  std::string out;
  format_table(table, options, [&](const std::string& s) { out += s; });
  return out;
}

}  // namespace deeprc::io
