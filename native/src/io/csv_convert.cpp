#include "io/csv_convert.h"

#include "core/error.h"
#include "io/utf8.h"

namespace deeprc::io {
namespace {

struct Ctx {
  const char* base;
  const FieldSpan* fields;
  int64_t rows;
  const NullMatcher& nulls;
  ColumnChunk& chunk;
  bool nullable;
};

bool reject_null(Ctx& x, const FieldSpan& f, int c, CsvIssue& issue) {
  if (x.nullable) return false;
  issue = {f.begin, c,
           "null value " + quote_for_message(std::string_view(x.base + f.begin, f.length)) +
               " in a column the schema declares non-nullable"};
  return true;
}

void fail(CsvIssue& issue, const FieldSpan& f, const char* base, int c, ParseStatus st, const DataType& type) {
  const std::string value = quote_for_message(std::string_view(base + f.begin, f.length));
  issue = {f.begin, c,
           st == ParseStatus::OutOfRange ? "value " + value + " is out of range for " + type.to_string()
                                         : "cannot parse " + value + " as " + type.to_string()};
}

// Reserves room for `rows` values of T at the end of the chunk and returns where they go. The
// bytes are zeroed first (BufferBuilder has no uninitialised growth); that is cheap next to parsing.
template <typename T>
T* grow_values(ColumnChunk& chunk, int64_t rows) {
  const int64_t old = chunk.values.size();
  chunk.values.resize(old + rows * static_cast<int64_t>(sizeof(T)));
  return reinterpret_cast<T*>(chunk.values.data() + old);
}

// Shrinks the values after a failure at row `done` so the chunk holds exactly the good rows.
template <typename T>
void commit_rows(ColumnChunk& chunk, int64_t reserved, int64_t done) {
  chunk.values.resize(chunk.values.size() - (reserved - done) * static_cast<int64_t>(sizeof(T)));
  chunk.length += done;
}

// Any fixed-width type: `parse(text, out)` returns a ParseStatus.
template <typename T, typename Parse>
int64_t convert_fixed(Ctx& x, int c, const DataType& type, CsvIssue& issue, Parse&& parse) {
  T* out = grow_values<T>(x.chunk, x.rows);
  const int64_t first = x.chunk.length;
  for (int64_t r = 0; r < x.rows; ++r) {
    const FieldSpan& f = x.fields[r];
    const char* s = x.base + f.begin;
    if (x.nulls.is_null(s, f.length)) {
      if (reject_null(x, f, c, issue)) {
        commit_rows<T>(x.chunk, x.rows, r);
        return r;
      }
      x.chunk.null_rows.push_back(first + r);
      continue;  // the slot stays zero
    }
    const ParseStatus st = parse(std::string_view(s, f.length), out[r]);
    if (st != ParseStatus::Ok) {
      fail(issue, f, x.base, c, st, type);
      commit_rows<T>(x.chunk, x.rows, r);
      return r;
    }
  }
  x.chunk.length += x.rows;
  return -1;
}

int64_t convert_strings(Ctx& x, int c, char quote, CsvIssue& issue) {
  int64_t* ends = grow_values<int64_t>(x.chunk, x.rows);
  const int64_t first = x.chunk.length;
  BufferBuilder& bytes = x.chunk.bytes;
  for (int64_t r = 0; r < x.rows; ++r) {
    const FieldSpan& f = x.fields[r];
    const char* s = x.base + f.begin;
    if (!(f.flags & kFieldQuoted) && x.nulls.is_null(s, f.length)) {
      if (reject_null(x, f, c, issue)) {
        commit_rows<int64_t>(x.chunk, x.rows, r);
        return r;
      }
      x.chunk.null_rows.push_back(first + r);
    } else {
      // Doubled quotes are ASCII, so validating the raw text is the same as validating the value.
      if (!is_valid_utf8(s, f.length)) {
        issue = {f.begin, c, "invalid UTF-8 in the text value " + quote_for_message(std::string_view(s, f.length))};
        commit_rows<int64_t>(x.chunk, x.rows, r);
        return r;
      }
      if (f.flags & kFieldEscaped) {
        bytes.ensure(f.length);
        for (uint32_t i = 0; i < f.length; ++i) {
          const char ch = s[i];
          bytes.append(&ch, 1);
          if (ch == quote && i + 1 < f.length && s[i + 1] == quote) ++i;
        }
      } else {
        bytes.append(s, f.length);
      }
    }
    ends[r] = bytes.size();
  }
  x.chunk.length += x.rows;
  return -1;
}

template <typename T>
int64_t convert_number_column(Ctx& x, int c, const DataType& type, CsvIssue& issue) {
  return convert_fixed<T>(x, c, type, issue, [](std::string_view s, T& v) { return parse_number(s, v); });
}

}  // namespace

int64_t ColumnConverter::convert(const char* base, const RowBatch& batch, int c, ColumnChunk& chunk,
                                 CsvIssue& issue) const {
  Ctx x{base, batch.column(c), batch.num_rows(), *nulls_, chunk, nullable_};
  const DataType& t = type_;
  switch (t.id) {
    case TypeId::Int8: return convert_number_column<int8_t>(x, c, t, issue);
    case TypeId::Int16: return convert_number_column<int16_t>(x, c, t, issue);
    case TypeId::Int32: return convert_number_column<int32_t>(x, c, t, issue);
    case TypeId::Int64: return convert_number_column<int64_t>(x, c, t, issue);
    case TypeId::UInt8: return convert_number_column<uint8_t>(x, c, t, issue);
    case TypeId::UInt16: return convert_number_column<uint16_t>(x, c, t, issue);
    case TypeId::UInt32: return convert_number_column<uint32_t>(x, c, t, issue);
    case TypeId::UInt64: return convert_number_column<uint64_t>(x, c, t, issue);
    case TypeId::Float32: return convert_number_column<float>(x, c, t, issue);
    case TypeId::Float64: return convert_number_column<double>(x, c, t, issue);
    case TypeId::Bool:
      return convert_fixed<uint8_t>(x, c, t, issue, [](std::string_view s, uint8_t& v) {
        bool b = false;
        const ParseStatus st = parse_bool(s, true, b);
        v = b ? 1 : 0;
        return st;
      });
    case TypeId::Date32:
      return convert_fixed<int32_t>(x, c, t, issue, [](std::string_view s, int32_t& v) { return parse_date(s, v); });
    case TypeId::Timestamp: {
      const TimeUnit unit = t.unit;
      return convert_fixed<int64_t>(x, c, t, issue,
                                    [unit](std::string_view s, int64_t& v) { return parse_timestamp_value(s, unit, v); });
    }
    case TypeId::Utf8:
    case TypeId::LargeUtf8: return convert_strings(x, c, quote_, issue);
  }
  throw_unsupported("CSV: unsupported column type " + t.to_string());
}

}  // namespace deeprc::io
