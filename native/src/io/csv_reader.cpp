#include "io/csv_reader.h"

#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "arrow/builder.h"
#include "core/error.h"
#include "core/thread_pool.h"
#include "io/csv_assemble.h"
#include "io/csv_convert.h"
#include "io/csv_infer.h"
#include "io/csv_tokenizer.h"
#include "io/mapped_file.h"
#include "io/utf8.h"

namespace deeprc::io {
namespace {

constexpr int64_t kDefaultInferRows = 10000;
constexpr int64_t kMinAutoBlock = 256 << 10;
constexpr int64_t kMaxAutoBlock = 8 << 20;

// Name of an unnamed column: f0, f1, ... (written without operator+ on a literal, which trips a
// GCC 12 -Wrestrict false positive).
std::string default_column_name(size_t i) {
  std::string name = std::to_string(i);
  name.insert(name.begin(), 'f');
  return name;
}

// Per-block state of a parallel pass.
struct BlockState {
  std::vector<ColumnChunk> chunks;      // one per column
  std::vector<ColumnInference> inference;
  std::vector<uint8_t> widen;           // inferred columns that met a value of a wider type
  CsvIssue issue;                       // earliest problem in the block
};

// Lowers `slot` to `value` if smaller (the first failing block of a pass).
void lower_to(std::atomic<int64_t>& slot, int64_t value) {
  int64_t cur = slot.load();
  while (value < cur && !slot.compare_exchange_weak(cur, value)) {
  }
}

// One read, in steps:
//  1. header (names), then types: the schema's, or inferred from a sample of the first rows;
//  2. find_block_bounds: one fast single-threaded memchr pass splits the data into blocks that
//     start at record boundaries (quote parity tells newlines inside quotes apart);
//  3. convert pass (parallel over blocks): tokenize batches of rows, convert each column into the
//     block's chunk. An inferred column whose value does not fit its type is marked for widening;
//     a problem in a schema column, or a malformed record, is recorded as the block's issue;
//  4. widened columns (and columns with only nulls in the sample) are inferred over all blocks and
//     converted again (two more parallel passes, only for those columns; rare);
//  5. the earliest issue, if any, is thrown; otherwise chunks are concatenated into arrays.
class CsvParser {
 public:
  CsvParser(const char* data, int64_t size, std::string source, const CsvReadOptions& opt)
      : data_(data), size_(size), source_(std::move(source)), opt_(opt), nulls_(opt.null_values) {
    dialect_.delimiter = opt.delimiter;
    dialect_.quote = opt.quote;
    dialect_.quoting = opt.quote != '\0';
    threads_ = resolve_threads(opt.num_threads);
  }

  Table parse() {
    check_options();
    int64_t pos = skip_bom();
    pos = read_header(pos);
    if (pos < 0) return empty_table();
    resolve_names_against_schema();
    const int n = static_cast<int>(names_.size());
    types_.assign(static_cast<size_t>(n), DataType(TypeId::Utf8));
    explicit_.assign(static_cast<size_t>(n), 0);
    undetermined_.assign(static_cast<size_t>(n), 0);
    if (opt_.schema) {
      for (int c = 0; c < n; ++c) {
        types_[static_cast<size_t>(c)] = opt_.schema->field(c).type;
        explicit_[static_cast<size_t>(c)] = 1;
      }
    } else {
      infer_from_sample(pos);
    }
    bounds_ = find_block_bounds(data_, pos, size_, block_size(pos), dialect_);
    blocks_.resize(bounds_.size() - 1);
    for (auto& b : blocks_) {
      b.chunks.resize(static_cast<size_t>(n));
      b.widen.assign(static_cast<size_t>(n), 0);
    }
    convert_pass();
    redo_widened_columns();
    report_earliest_issue();
    return assemble();
  }

 private:
  void check_options() const {
    auto bad = [](char c) { return c == '\n' || c == '\r'; };
    if (bad(opt_.delimiter) || opt_.delimiter == '\0') throw_invalid("CSV delimiter must not be a line break or NUL");
    if (bad(opt_.quote)) throw_invalid("CSV quote character must not be a line break");
    if (opt_.quote != '\0' && opt_.quote == opt_.delimiter)
      throw_invalid("CSV quote character and delimiter must differ");
    if (opt_.block_size < 0) throw_invalid("CSV block_size must be >= 0");
    if (opt_.infer_rows < 0) throw_invalid("CSV infer_rows must be >= 0");
  }

  [[noreturn]] void raise(const CsvIssue& issue) const {
    std::string msg = "CSV file '" + source_ + "', line " + std::to_string(line_of_offset(data_, issue.offset));
    if (issue.column >= 0 && issue.column < static_cast<int>(names_.size()))
      msg += ", column '" + names_[static_cast<size_t>(issue.column)] + "'";
    throw_parse(msg + ": " + issue.message);
  }

  int64_t skip_bom() const {
    return size_ >= 3 && std::memcmp(data_, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  }

  // Reads the header (or, without one, counts the fields of the first non-blank record). Returns
  // the offset of the first data record, or -1 when there is no data at all and no header is
  // needed. Without a header, data starts at the very first byte: in a one-column file leading
  // blank lines are null values, not padding.
  int64_t read_header(int64_t start) {
    int64_t pos = start;
    while (const int blank = blank_line_length(data_ + pos, data_ + size_)) pos += blank;
    if (pos >= size_) {
      if (opt_.has_header) throw_parse("CSV file '" + source_ + "' is empty: no header line");
      if (!opt_.schema) throw_parse("CSV file '" + source_ + "' is empty: no columns");
      if (start >= size_) return -1;
    }
    std::vector<std::string> fields;
    if (opt_.has_header || !opt_.schema) {
      CsvIssue issue;
      const int64_t next = parse_record_strings(data_, pos, size_, dialect_, fields, issue);
      if (next < 0) raise(issue);
      if (opt_.has_header) {
        check_header(pos, fields);
        names_ = std::move(fields);
        return next;
      }
    }
    if (opt_.schema) {
      for (const auto& f : opt_.schema->fields()) names_.push_back(f.name);
    } else {
      for (size_t i = 0; i < fields.size(); ++i) names_.push_back(default_column_name(i));
    }
    return start;
  }

  void check_header(int64_t pos, std::vector<std::string>& names) const {
    const std::string where = "CSV file '" + source_ + "', line " + std::to_string(line_of_offset(data_, pos));
    std::unordered_map<std::string, size_t> seen;
    for (size_t i = 0; i < names.size(); ++i) {
      if (!is_valid_utf8(names[i].data(), names[i].size()))
        throw_parse(where + ", column " + std::to_string(i + 1) + ": invalid UTF-8 in the header name " +
                    quote_for_message(names[i]));
      if (names[i].empty()) names[i] = default_column_name(i);
      const auto [it, fresh] = seen.emplace(names[i], i);
      if (!fresh)
        throw_parse(where + ", column '" + names[i] + "': duplicate column name in the header (columns " +
                    std::to_string(it->second + 1) + " and " + std::to_string(i + 1) + ")");
    }
  }

  void resolve_names_against_schema() const {
    if (!opt_.schema || !opt_.has_header) return;
    const Schema& s = *opt_.schema;
    auto list = [](const std::vector<std::string>& v) {
      std::string out;
      for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
      return out;
    };
    std::vector<std::string> expected;
    for (const auto& f : s.fields()) expected.push_back(f.name);
    if (expected != names_)
      throw_parse("CSV file '" + source_ + "', line 1: the header (" + list(names_) +
                  ") does not match the schema's column names (" + list(expected) + ")");
  }

  Table empty_table() const {
    std::vector<Array> cols;
    for (const auto& f : opt_.schema->fields()) cols.push_back(make_builder(f.type)->finish());
    return Table(*opt_.schema, std::move(cols), 0);
  }

  int64_t block_size(int64_t data_start) const {
    if (opt_.block_size > 0) return opt_.block_size;
    const int64_t bytes = size_ - data_start;
    return std::clamp<int64_t>(bytes / (static_cast<int64_t>(threads_) * 8), kMinAutoBlock, kMaxAutoBlock);
  }

  void infer_from_sample(int64_t pos) {
    const int n = static_cast<int>(names_.size());
    const int64_t want = opt_.infer_rows > 0 ? opt_.infer_rows : kDefaultInferRows;
    BatchTokenizer tok(data_, dialect_, n);
    RowBatch batch(n, std::min(default_batch_rows(n), want));
    std::vector<ColumnInference> inf(static_cast<size_t>(n));
    for (int64_t rows = 0; rows < want && pos < size_;) {
      CsvIssue issue;  // reported by the full parse, at its right place
      pos = tok.fill(pos, size_, batch, issue);
      for (int c = 0; c < n; ++c) inf[static_cast<size_t>(c)].observe_batch(data_, batch, c, nulls_);
      rows += batch.num_rows();
      if (issue.present() || batch.num_rows() == 0) break;
    }
    for (int c = 0; c < n; ++c) {
      if (inf[static_cast<size_t>(c)].seen_values()) types_[static_cast<size_t>(c)] = inf[static_cast<size_t>(c)].result();
      else undetermined_[static_cast<size_t>(c)] = 1;  // only nulls so far: decide over the whole file
    }
  }

  enum class Mode { Convert, Infer };

  // Tokenizes block k and converts (or observes, for inference) the columns in `cols`.
  // Conversion problems of inferred columns mark them for widening instead of failing, unless
  // `strict`. Returns the block's earliest issue.
  CsvIssue run_block(int64_t k, const std::vector<int>& cols, Mode mode, bool strict,
                     const std::vector<ColumnConverter>& converters) {
    BlockState& st = blocks_[static_cast<size_t>(k)];
    const int n = static_cast<int>(names_.size());
    BatchTokenizer tok(data_, dialect_, n);
    RowBatch batch(n, default_batch_rows(n));
    std::vector<int> active = cols;
    const int64_t begin = bounds_[static_cast<size_t>(k)];
    const int64_t end = bounds_[static_cast<size_t>(k) + 1];
    int64_t pos = begin;
    bool reserved = false;
    while (pos < end) {
      CsvIssue structural;
      pos = tok.fill(pos, end, batch, structural);
      CsvIssue value_issue;
      for (size_t i = 0; i < active.size();) {
        const int c = active[i];
        const auto uc = static_cast<size_t>(c);
        if (mode == Mode::Infer) {
          st.inference[uc].observe_batch(data_, batch, c, nulls_);
          ++i;
          continue;
        }
        CsvIssue ci;
        if (converters[uc].convert(data_, batch, c, st.chunks[uc], ci) < 0) {
          ++i;
        } else if (explicit_[uc] || strict) {
          value_issue.keep_earliest(std::move(ci));
          ++i;
        } else {
          st.widen[uc] = 1;
          st.chunks[uc].reset();
          active.erase(active.begin() + static_cast<std::ptrdiff_t>(i));
        }
      }
      if (!reserved && mode == Mode::Convert && pos > begin) {
        reserve_for_block(st, active, static_cast<double>(end - begin) / static_cast<double>(pos - begin));
        reserved = true;
      }
      if (value_issue.present()) return value_issue;  // rows before `structural`, so earlier
      if (structural.present()) return structural;
      if (batch.num_rows() == 0) break;
    }
    return {};
  }

  // Sizes the chunks for the whole block from what the first batch used (scaled by the block's
  // bytes), so they do not grow by doubling and copying.
  static void reserve_for_block(BlockState& st, const std::vector<int>& cols, double scale) {
    for (const int c : cols) {
      ColumnChunk& ch = st.chunks[static_cast<size_t>(c)];
      ch.values.reserve(static_cast<int64_t>(static_cast<double>(ch.values.size()) * scale * 1.05) + 64);
      if (ch.bytes.size() > 0) ch.bytes.reserve(static_cast<int64_t>(static_cast<double>(ch.bytes.size()) * scale * 1.05) + 64);
    }
  }

  std::vector<ColumnConverter> make_converters() const {
    std::vector<ColumnConverter> conv;
    for (size_t c = 0; c < types_.size(); ++c) {
      const bool nullable = opt_.schema ? opt_.schema->field(static_cast<int>(c)).nullable : true;
      conv.emplace_back(types_[c], nullable, nulls_, dialect_.quote);
    }
    return conv;
  }

  // Runs run_block over blocks [0, last], skipping blocks after the first failing one (they
  // cannot hold the earliest issue). Issues are merged into each block's `issue`.
  void parallel_pass(int64_t last, const std::vector<int>& cols, Mode mode, bool strict) {
    const auto converters = make_converters();
    std::atomic<int64_t> first_bad{INT64_MAX};
    parallel_for(last + 1, threads_, [&](int64_t k) {
      if (k > first_bad.load()) return;
      CsvIssue issue = run_block(k, cols, mode, strict, converters);
      if (issue.present()) {
        lower_to(first_bad, k);
        blocks_[static_cast<size_t>(k)].issue.keep_earliest(std::move(issue));
      }
    });
  }

  int64_t first_failing_block() const {
    for (size_t k = 0; k < blocks_.size(); ++k)
      if (blocks_[k].issue.present()) return static_cast<int64_t>(k);
    return -1;
  }

  void convert_pass() {
    std::vector<int> cols;
    for (int c = 0; c < static_cast<int>(names_.size()); ++c)
      if (!undetermined_[static_cast<size_t>(c)]) cols.push_back(c);
    parallel_pass(static_cast<int64_t>(blocks_.size()) - 1, cols, Mode::Convert, false);
  }

  // Columns whose sample had no values, or that met wider values, are inferred over the whole
  // file (up to the first failing block) and converted again.
  void redo_widened_columns() {
    std::vector<int> redo;
    for (int c = 0; c < static_cast<int>(names_.size()); ++c) {
      const auto uc = static_cast<size_t>(c);
      bool widen = undetermined_[uc] != 0;
      for (const auto& b : blocks_) widen = widen || b.widen[uc] != 0;
      if (widen && !explicit_[uc]) redo.push_back(c);
    }
    if (redo.empty()) return;
    const int64_t bad = first_failing_block();
    const int64_t last = bad >= 0 ? bad : static_cast<int64_t>(blocks_.size()) - 1;
    for (auto& b : blocks_) b.inference.assign(names_.size(), ColumnInference());
    parallel_pass(last, redo, Mode::Infer, false);
    for (const int c : redo) {
      ColumnInference all;
      for (int64_t k = 0; k <= last; ++k) all.merge(blocks_[static_cast<size_t>(k)].inference[static_cast<size_t>(c)]);
      types_[static_cast<size_t>(c)] = all.result();
      for (auto& b : blocks_) b.chunks[static_cast<size_t>(c)].reset();
    }
    parallel_pass(last, redo, Mode::Convert, true);
  }

  void report_earliest_issue() const {
    CsvIssue earliest;
    for (const auto& b : blocks_) {
      CsvIssue copy = b.issue;
      earliest.keep_earliest(std::move(copy));
    }
    if (earliest.present()) raise(earliest);
  }

  Table assemble() {
    const int n = static_cast<int>(names_.size());
    std::vector<Field> fields;
    std::vector<Array> cols;
    for (int c = 0; c < n; ++c) {
      const auto uc = static_cast<size_t>(c);
      std::vector<const ColumnChunk*> chunks;
      for (const auto& b : blocks_) chunks.push_back(&b.chunks[uc]);
      Array a = assemble_column(types_[uc], chunks, threads_, !explicit_[uc], names_[uc]);
      for (auto& b : blocks_) b.chunks[uc].reset();  // release block memory early
      const bool nullable = opt_.schema ? opt_.schema->field(c).nullable : true;
      fields.push_back(Field{names_[uc], a.type(), nullable});
      cols.push_back(std::move(a));
    }
    int64_t rows = cols.empty() ? 0 : cols[0].length();
    return Table(Schema(std::move(fields)), std::move(cols), rows);
  }

  const char* data_;
  int64_t size_;
  std::string source_;
  const CsvReadOptions& opt_;
  NullMatcher nulls_;
  CsvDialect dialect_;
  int threads_ = 1;
  std::vector<std::string> names_;
  std::vector<DataType> types_;
  std::vector<uint8_t> explicit_;      // type given by the schema
  std::vector<uint8_t> undetermined_;  // inferred column without a value in the sample
  std::vector<int64_t> bounds_;
  std::vector<BlockState> blocks_;
};

}  // namespace

Table read_csv_bytes(const char* data, int64_t size, const std::string& source_name, const CsvReadOptions& options) {
  return CsvParser(data, size, source_name, options).parse();
}

Table read_csv(const std::string& path, const CsvReadOptions& options) {
  const BufferPtr file = map_file(path, /*populate=*/true);
  return read_csv_bytes(reinterpret_cast<const char*>(file->data()), file->size(), path, options);
}

}  // namespace deeprc::io
