#include "arrow/table.h"

#include <algorithm>

#include "core/error.h"

namespace deeprc {

Table::Table(Schema schema, std::vector<Array> columns)
    : Table(std::move(schema), std::move(columns), -1) {}

Table::Table(Schema schema, std::vector<Array> columns, int64_t num_rows)
    : schema_(std::move(schema)), columns_(std::move(columns)), num_rows_(num_rows) {
  if (static_cast<int>(columns_.size()) != schema_.num_fields())
    throw_invalid("table has " + std::to_string(columns_.size()) + " columns but schema has " +
                  std::to_string(schema_.num_fields()) + " fields");
  if (num_rows_ < 0) num_rows_ = columns_.empty() ? 0 : columns_[0].length();
  for (int i = 0; i < schema_.num_fields(); ++i) {
    const Array& c = columns_[static_cast<size_t>(i)];
    if (!c.valid_handle()) throw_invalid("column '" + schema_.field(i).name + "' is missing");
    if (c.type() != schema_.field(i).type)
      throw_invalid("column '" + schema_.field(i).name + "' has type " + c.type().to_string() +
                    " but the schema says " + schema_.field(i).type.to_string());
    if (c.length() != num_rows_)
      throw_invalid("column '" + schema_.field(i).name + "' has " + std::to_string(c.length()) +
                    " rows, expected " + std::to_string(num_rows_));
  }
}

Table Table::slice(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0 || offset + length > num_rows_)
    throw_invalid("slice [" + std::to_string(offset) + ", " + std::to_string(offset + length) +
                  ") out of range for table of " + std::to_string(num_rows_) + " rows");
  std::vector<Array> cols;
  cols.reserve(columns_.size());
  for (const auto& c : columns_) cols.push_back(c.slice(offset, length));
  return Table(schema_, std::move(cols), length);
}

Table Table::select(const std::vector<int>& indices) const {
  std::vector<Field> fields;
  std::vector<Array> cols;
  for (int i : indices) {
    if (i < 0 || i >= num_columns())
      throw_invalid("column index " + std::to_string(i) + " out of range (table has " +
                    std::to_string(num_columns()) + " columns)");
    fields.push_back(schema_.field(i));
    cols.push_back(columns_[static_cast<size_t>(i)]);
  }
  return Table(Schema(std::move(fields)), std::move(cols), num_rows_);
}

bool Table::equals(const Table& other) const {
  if (schema_ != other.schema_ || num_rows_ != other.num_rows_) return false;
  for (size_t i = 0; i < columns_.size(); ++i)
    if (!columns_[i].equals(other.columns_[i])) return false;
  return true;
}

namespace {
// Display width of a UTF-8 string in code points (good enough for column alignment).
size_t display_width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
std::string pad(const std::string& s, size_t w, bool right) {
  const size_t dw = display_width(s);
  std::string fill(w > dw ? w - dw : 0, ' ');
  return right ? fill + s : s + fill;
}
std::string clip(std::string s) {
  for (auto& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (display_width(s) > 40) {
    size_t bytes = 0, cps = 0;
    while (bytes < s.size() && cps < 37) {
      ++bytes;
      while (bytes < s.size() && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) ++bytes;
      ++cps;
    }
    s = s.substr(0, bytes) + "...";
  }
  return s;
}
}  // namespace

std::string Table::to_string(int64_t max_rows) const {
  const int nc = num_columns();
  std::vector<int64_t> rows;
  bool truncated = false;
  if (max_rows < 0 || num_rows_ <= max_rows) {
    for (int64_t r = 0; r < num_rows_; ++r) rows.push_back(r);
  } else {
    truncated = true;
    const int64_t head = (max_rows + 1) / 2, tail = max_rows / 2;
    for (int64_t r = 0; r < head; ++r) rows.push_back(r);
    for (int64_t r = num_rows_ - tail; r < num_rows_; ++r) rows.push_back(r);
  }
  std::vector<std::vector<std::string>> cells(static_cast<size_t>(nc));
  std::vector<size_t> width(static_cast<size_t>(nc));
  std::vector<bool> right(static_cast<size_t>(nc));
  for (int c = 0; c < nc; ++c) {
    const auto& f = schema_.field(c);
    const std::string tname = f.type.to_string();
    width[c] = std::max(display_width(f.name), display_width(tname));
    right[c] = is_integer(f.type.id) || is_floating(f.type.id);
    for (int64_t r : rows) {
      cells[c].push_back(clip(columns_[static_cast<size_t>(c)].format_value(r)));
      width[c] = std::max(width[c], display_width(cells[c].back()));
    }
  }
  auto rule = [&] {
    std::string s = "+";
    for (int c = 0; c < nc; ++c) s += std::string(width[c] + 2, '-') + "+";
    return s + "\n";
  };
  std::string out = rule() + "|";
  for (int c = 0; c < nc; ++c) out += " " + pad(schema_.field(c).name, width[c], false) + " |";
  out += "\n|";
  for (int c = 0; c < nc; ++c) out += " " + pad(schema_.field(c).type.to_string(), width[c], false) + " |";
  out += "\n" + rule();
  const size_t head = truncated ? static_cast<size_t>((max_rows + 1) / 2) : rows.size();
  for (size_t i = 0; i < rows.size(); ++i) {
    if (truncated && i == head) {
      out += "|";
      for (int c = 0; c < nc; ++c) out += " " + pad("...", width[c], right[c]) + " |";
      out += "\n";
    }
    out += "|";
    for (int c = 0; c < nc; ++c) out += " " + pad(cells[c][i], width[c], right[c]) + " |";
    out += "\n";
  }
  out += rule();
  out += std::to_string(num_rows_) + " rows x " + std::to_string(nc) + " columns\n";
  return out;
}

}  // namespace deeprc
