// CSV tokenizing: splitting bytes into records and fields without copying them.
//
// Grammar (RFC 4180 plus what real files need):
//  - a record ends at LF or CRLF, or at the end of the file (a final line without newline);
//  - a field is either unquoted (no quote character inside) or quoted: it starts with the quote
//    character, a doubled quote inside is a literal quote, and delimiters, CR and LF inside are
//    data. After the closing quote only a delimiter, a line ending or the end of the file may
//    follow.
//  - a quote character inside an unquoted field is an error. Being strict here is what makes the
//    parallel reader safe: in a valid file every quote character opens, closes or is half of a
//    doubled quote, so counting quote characters (parity) tells whether a newline is inside a
//    quoted field, which is how find_block_bounds() splits the file for parallel parsing.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "io/csv_issue.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace deeprc::io {

struct CsvDialect {
  char delimiter = ',';
  char quote = '"';
  bool quoting = true;  // false when quote == '\0'
};

// One field: bytes [begin, begin+length) of the file, without the surrounding quotes.
struct FieldSpan {
  int64_t begin;
  uint32_t length;
  uint32_t flags;
};
inline constexpr uint32_t kFieldQuoted = 1;   // the field was quoted (never a null token for strings)
inline constexpr uint32_t kFieldEscaped = 2;  // contains doubled quotes that must be collapsed

// A batch of tokenized rows, stored column by column so converters walk one column at a time.
class RowBatch {
 public:
  RowBatch(int num_columns, int64_t capacity);
  int num_columns() const noexcept { return num_columns_; }
  int64_t capacity() const noexcept { return capacity_; }
  int64_t num_rows() const noexcept { return num_rows_; }
  const FieldSpan* column(int c) const noexcept { return spans_.data() + static_cast<size_t>(c) * capacity_; }
  FieldSpan* mutable_column(int c) noexcept { return spans_.data() + static_cast<size_t>(c) * capacity_; }
  // Byte offset of each row's first character.
  const int64_t* row_offsets() const noexcept { return row_offsets_.data(); }
  int64_t* mutable_row_offsets() noexcept { return row_offsets_.data(); }
  void set_num_rows(int64_t n) noexcept { num_rows_ = n; }

 private:
  int num_columns_;
  int64_t capacity_;
  int64_t num_rows_ = 0;
  std::vector<FieldSpan> spans_;
  std::vector<int64_t> row_offsets_;
};

// Rows per batch for a given column count: about 32K fields, so a batch stays in cache.
int64_t default_batch_rows(int num_columns);

// Length of the blank line starting at p (1 for "\n", 2 for "\r\n"), or 0 when it is not blank.
inline int blank_line_length(const char* p, const char* end) noexcept {
  if (p < end && *p == '\n') return 1;
  if (p + 1 < end && p[0] == '\r' && p[1] == '\n') return 2;
  return 0;
}

// Finds the end of unquoted text: the next delimiter, LF or quote character.
class SpecialFinder {
 public:
  explicit SpecialFinder(const CsvDialect& d) {
    special_[static_cast<unsigned char>(d.delimiter)] = true;
    special_['\n'] = true;
    if (d.quoting) special_[static_cast<unsigned char>(d.quote)] = true;
#if defined(__SSE2__)
    delim_ = _mm_set1_epi8(d.delimiter);
    newline_ = _mm_set1_epi8('\n');
    quote_ = _mm_set1_epi8(d.quoting ? d.quote : d.delimiter);
#endif
  }
  // First special byte in [p, end), or end.
  const char* find(const char* p, const char* end) const noexcept {
#if defined(__SSE2__)
    // 16 bytes per step; most fields end within the first one. Never reads past `end`.
    while (end - p >= 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, delim_), _mm_cmpeq_epi8(x, newline_)),
                                       _mm_cmpeq_epi8(x, quote_));
      const int mask = _mm_movemask_epi8(hit);
      if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
      p += 16;
    }
#endif
    while (p < end && !special_[static_cast<unsigned char>(*p)]) ++p;
    return p;
  }

 private:
  bool special_[256] = {};
#if defined(__SSE2__)
  __m128i delim_, newline_, quote_;
#endif
};

// Scans one record starting at p (p < end). For every field calls
// sink(field_index, begin, length, flags). Returns the position after the record's line ending,
// or nullptr after filling `issue` when the record is malformed.
template <typename Sink>
inline const char* scan_record(const char* base, const char* p, const char* end, const CsvDialect& d,
                               const SpecialFinder& finder, Sink& sink, CsvIssue& issue) {
  int field = 0;
  for (;;) {
    if (d.quoting && p < end && *p == d.quote) {
      const char* open = p;
      const char* content = p + 1;
      const char* q = content;
      uint32_t flags = kFieldQuoted;
      for (;;) {
        q = static_cast<const char*>(std::memchr(q, d.quote, static_cast<size_t>(end - q)));
        if (q == nullptr) {
          issue = {open - base, field, "unterminated quoted field: the quote opened here is never closed before the end of the file"};
          return nullptr;
        }
        if (q + 1 < end && q[1] == d.quote) {
          flags |= kFieldEscaped;
          q += 2;
          continue;
        }
        break;
      }
      sink(field, content, q - content, flags);
      p = q + 1;
      if (p == end) return end;
      if (*p == d.delimiter) {
        ++p;
        ++field;
        continue;
      }
      if (*p == '\n') return p + 1;
      if (*p == '\r' && (p + 1 == end || p[1] == '\n')) return p + 1 == end ? end : p + 2;
      issue = {p - base, field,
               "unexpected character " + quote_for_message(std::string(1, *p)) +
                   " after a closing quote (expected a delimiter or the end of the line)"};
      return nullptr;
    }
    const char* start = p;
    p = finder.find(p, end);
    if (p < end && d.quoting && *p == d.quote) {
      issue = {p - base, field,
               "quote character inside an unquoted field (quote the whole field and double the quotes inside)"};
      return nullptr;
    }
    if (p == end || *p == '\n') {
      const char* fe = (p > start && p[-1] == '\r') ? p - 1 : p;  // CRLF line ending
      sink(field, start, fe - start, 0u);
      return p == end ? end : p + 1;
    }
    sink(field, start, p - start, 0u);  // *p is the delimiter
    ++p;
    ++field;
  }
}

// Fills RowBatches from a byte range that starts at a record boundary.
class BatchTokenizer {
 public:
  BatchTokenizer(const char* base, const CsvDialect& dialect, int num_columns);

  // Tokenizes records from [pos, end) into `batch` (replacing its rows) until it is full or the
  // range ends. Returns the position after the last tokenized record. When a record is malformed
  // (bad quoting, wrong number of fields) it fills `issue`, stops before that record and returns
  // its position. Blank lines are skipped when there is more than one column; with one column a
  // blank line is a record with one empty field.
  int64_t fill(int64_t pos, int64_t end, RowBatch& batch, CsvIssue& issue) const;

 private:
  const char* base_;
  CsvDialect dialect_;
  int num_columns_;
  SpecialFinder finder_;
};

// Parses one record into strings (used for the header); returns the position after it.
// Throws nothing: malformed records fill `issue` and return -1.
int64_t parse_record_strings(const char* base, int64_t pos, int64_t end, const CsvDialect& d,
                             std::vector<std::string>& out, CsvIssue& issue);

// Collapses doubled quotes of an escaped field into `out`.
void unescape_field(const char* text, size_t length, char quote, std::string& out);

// Splits [begin, end) into blocks of about block_size bytes that start at record boundaries,
// honouring quotes (see the grammar above). Returns the block start offsets plus `end`.
std::vector<int64_t> find_block_bounds(const char* base, int64_t begin, int64_t end, int64_t block_size,
                                       const CsvDialect& d);

}  // namespace deeprc::io
