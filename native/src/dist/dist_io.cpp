// Distributed read and write of CSV and Arrow IPC files (see dist_io.h).
#include "dist/dist_io.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <optional>

#include "arrow/builder.h"
#include "arrow/selection.h"
#include "core/error.h"
#include "dist/dist_agree.h"
#include "dist/table_exchange.h"
#include "io/atomic_file.h"
#include "io/csv_range_reader.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"
#include "io/ipc_reader.h"
#include "io/mapped_file.h"

namespace deeprc::dist {
namespace {

// ---- schema agreement for inferred CSV types ----

// A rank's view: column names, types, and whether the rank saw any value in each column.
struct Vote {
  bool present = false;  // the rank read any file / range
  std::vector<Field> fields;
  std::vector<uint8_t> has_values;
};

void put_u32(std::vector<uint8_t>& b, uint32_t v) {
  const auto* p = reinterpret_cast<const uint8_t*>(&v);
  b.insert(b.end(), p, p + 4);
}
void put_str(std::vector<uint8_t>& b, const std::string& s) {
  put_u32(b, static_cast<uint32_t>(s.size()));
  b.insert(b.end(), s.begin(), s.end());
}
struct Reader {
  const std::vector<uint8_t>& b;
  size_t pos = 0;
  uint32_t u32() {
    uint32_t v;
    std::memcpy(&v, b.data() + pos, 4);
    pos += 4;
    return v;
  }
  std::string str() {
    const uint32_t n = u32();
    std::string s(b.begin() + static_cast<std::ptrdiff_t>(pos), b.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
    return s;
  }
};

std::vector<uint8_t> encode(const Vote& v) {
  std::vector<uint8_t> b;
  if (!v.present) return b;
  put_u32(b, static_cast<uint32_t>(v.fields.size()));
  for (size_t i = 0; i < v.fields.size(); ++i) {
    put_str(b, v.fields[i].name);
    put_u32(b, static_cast<uint32_t>(v.fields[i].type.id));
    put_u32(b, static_cast<uint32_t>(v.fields[i].type.unit));
    put_str(b, v.fields[i].type.timezone);
    put_u32(b, v.has_values[i]);
  }
  return b;
}

Vote decode(const std::vector<uint8_t>& b) {
  Vote v;
  if (b.empty()) return v;
  v.present = true;
  Reader r{b};
  const uint32_t n = r.u32();
  for (uint32_t i = 0; i < n; ++i) {
    Field f;
    f.name = r.str();
    f.type.id = static_cast<TypeId>(r.u32());
    f.type.unit = static_cast<TimeUnit>(r.u32());
    f.type.timezone = r.str();
    v.fields.push_back(std::move(f));
    v.has_values.push_back(static_cast<uint8_t>(r.u32()));
  }
  return v;
}

// The type both inferred types' values parse as (the reader's inference order).
DataType widen(const DataType& a, const DataType& b) {
  if (a == b) return a;
  auto numeric = [](const DataType& t) { return t.id == TypeId::Int64 || t.id == TypeId::Float64; };
  if (numeric(a) && numeric(b)) return DataType(TypeId::Float64);
  if (a.id == TypeId::Timestamp && b.id == TypeId::Timestamp && a.timezone == b.timezone)
    return DataType::timestamp(std::max(a.unit, b.unit), a.timezone);
  // A date parses as a naive timestamp (midnight), never as a zoned one.
  if (a.id == TypeId::Date32 && b.id == TypeId::Timestamp && b.timezone.empty()) return b;
  if (b.id == TypeId::Date32 && a.id == TypeId::Timestamp && a.timezone.empty()) return a;
  return DataType(TypeId::Utf8);
}

std::string describe(const std::vector<Field>& fields) {
  std::string s;
  for (const auto& f : fields) s += (s.empty() ? "" : ", ") + f.name;
  return "(" + s + ")";
}

// Agreed fields over every rank's vote (same names required). `what` names the input in errors.
std::vector<Field> agree_fields(comm::Communicator& comm, const Vote& mine, const std::string& what) {
  const auto blobs = comm::allgather_bytes(comm, encode(mine));
  std::optional<Vote> agreed_vote;
  int first_rank = -1;
  for (size_t r = 0; r < blobs.size(); ++r) {
    Vote v = decode(blobs[r]);
    if (!v.present) continue;
    if (!agreed_vote) {
      agreed_vote = std::move(v);
      first_rank = static_cast<int>(r);
      continue;
    }
    Vote& a = *agreed_vote;
    bool same_names = a.fields.size() == v.fields.size();
    for (size_t c = 0; same_names && c < a.fields.size(); ++c) same_names = a.fields[c].name == v.fields[c].name;
    if (!same_names)
      throw_invalid(what + ": the files read by rank " + std::to_string(r) + " have columns " + describe(v.fields) +
                    " but those read by rank " + std::to_string(first_rank) + " have " + describe(a.fields));
    for (size_t c = 0; c < a.fields.size(); ++c) {
      if (!v.has_values[c]) continue;
      if (!a.has_values[c]) a.fields[c].type = v.fields[c].type;
      else a.fields[c].type = widen(a.fields[c].type, v.fields[c].type);
      a.has_values[c] = 1;
    }
  }
  if (!agreed_vote) throw_invalid(what + ": no rank read any data");
  std::vector<Field> out = agreed_vote->fields;
  for (size_t c = 0; c < out.size(); ++c)
    if (!agreed_vote->has_values[c]) out[c].type = DataType(TypeId::Utf8);
  return out;
}

Vote vote_of(const std::vector<Table>& parts) {
  Vote v;
  if (parts.empty()) return v;
  v.present = true;
  v.fields = parts[0].schema().fields();
  v.has_values.assign(v.fields.size(), 0);
  for (const auto& t : parts) {
    if (t.num_columns() != static_cast<int>(v.fields.size())) return v;  // reported by agree_fields' name check
    for (int c = 0; c < t.num_columns(); ++c) {
      const Array& a = t.column(c);
      if (a.length() - a.null_count() == 0) continue;
      auto& f = v.fields[static_cast<size_t>(c)];
      if (f.name != t.schema().field(c).name) continue;
      f.type = v.has_values[static_cast<size_t>(c)] ? widen(f.type, a.type()) : a.type();
      v.has_values[static_cast<size_t>(c)] = 1;
    }
  }
  return v;
}

Table empty_table(const std::vector<Field>& fields) {
  std::vector<Array> cols;
  for (const auto& f : fields) cols.push_back(make_builder(f.type)->finish());
  return Table(Schema(fields), std::move(cols), 0);
}

bool types_match(const Table& t, const std::vector<Field>& fields) {
  for (int c = 0; c < t.num_columns(); ++c)
    if (t.schema().field(c).type != fields[static_cast<size_t>(c)].type) return false;
  return true;
}

std::vector<int64_t> file_sizes(const std::vector<std::string>& paths) {
  std::vector<int64_t> sizes;
  for (const auto& p : paths) {
    std::error_code ec;
    const auto n = std::filesystem::file_size(p, ec);
    if (ec) throw Error(ErrorCode::NotFound, "cannot read '" + p + "': " + ec.message());
    sizes.push_back(static_cast<int64_t>(n));
  }
  return sizes;
}

// ---- CSV, one file: byte ranges ----

struct Range {
  int64_t begin = 0, end = 0, lines_before = 0;
};

// This rank's byte range of the data records (collective).
Range csv_range(comm::Communicator& comm, const char* data, int64_t size, const io::CsvLayout& layout, char quote) {
  const int p = comm.size(), r = comm.rank();
  const int64_t b0 = layout.data_begin, span = size - b0;
  auto chunk = [&](int k) { return b0 + static_cast<int64_t>(static_cast<long double>(span) * k / p); };
  const int64_t c0 = chunk(r), c1 = chunk(r + 1);
  const io::CsvByteCounts mine = io::count_csv_bytes(data, c0, c1, quote);
  const auto quotes = comm::allgather_i64(comm, mine.quotes);
  const auto newlines = comm::allgather_i64(comm, mine.newlines);
  int64_t q_prefix = 0, nl_prefix = 0;
  for (int k = 0; k < r; ++k) q_prefix += quotes[static_cast<size_t>(k)], nl_prefix += newlines[static_cast<size_t>(k)];
  int64_t start = b0;
  if (r > 0) {
    const int64_t from = std::max(c0, b0 + 1);
    // Quotes in [b0, from - 1).
    const int64_t qb = from - 1 < c0 ? q_prefix - io::count_csv_bytes(data, from - 1, c0, quote).quotes
                                     : q_prefix + io::count_csv_bytes(data, c0, from - 1, quote).quotes;
    start = c0 < c1 ? io::next_record_start(data, from, c1, qb, quote) : -1;
  }
  const auto starts = comm::allgather_i64(comm, start);
  Range out;
  if (start < 0) {
    out.begin = out.end = size;
    return out;
  }
  out.begin = start;
  out.end = size;
  for (int k = r + 1; k < p; ++k)
    if (starts[static_cast<size_t>(k)] >= 0) {
      out.end = starts[static_cast<size_t>(k)];
      break;
    }
  out.lines_before = layout.header_lines + nl_prefix + io::count_csv_bytes(data, c0, start, quote).newlines;
  return out;
}

Table read_csv_one(comm::Communicator& comm, const std::string& path, const io::CsvReadOptions& options) {
  const BufferPtr file = agreed(comm, [&] { return io::map_file(path, false); }, false);
  const char* data = reinterpret_cast<const char*>(file->data());
  const int64_t size = file->size();
  const io::CsvLayout layout = agreed(comm, [&] { return io::read_csv_layout(data, size, path, options); }, false);
  const Range range = csv_range(comm, data, size, layout, options.quote);
  const bool has_rows = range.end > range.begin && [&] {
    // Only blank lines (with several columns) is no data either.
    for (int64_t i = range.begin; i < range.end; ++i)
      if (data[i] != '\n' && data[i] != '\r') return true;
    return layout.names.size() == 1;
  }();
  auto parse = [&](const io::CsvReadOptions& o) {
    return io::read_csv_range(data, range.begin, range.end, range.lines_before, layout.names, path, o);
  };
  Table mine = agreed(comm, [&] { return has_rows ? parse(options) : Table(); }, false);
  std::vector<Field> fields;
  if (options.schema) {
    fields = options.schema->fields();
    for (size_t i = 0; i < fields.size(); ++i) fields[i].name = layout.names[i];
  } else {
    Vote v = has_rows ? vote_of({mine}) : Vote{};
    // Every rank knows the names; a rank without rows votes names only.
    if (!has_rows) {
      v.present = true;
      for (const auto& n : layout.names) v.fields.push_back(Field{n, DataType(TypeId::Utf8), true});
      v.has_values.assign(v.fields.size(), 0);
    }
    fields = agree_fields(comm, v, "CSV file '" + path + "'");
  }
  const bool redo = has_rows && !options.schema && !types_match(mine, fields);
  mine = agreed(comm, [&] {
    if (!has_rows) return empty_table(fields);
    if (!redo) return mine;
    io::CsvReadOptions o = options;
    o.schema = Schema(fields);
    return parse(o);
  }, false);
  return mine;
}

// ---- CSV / IPC, several files: a share of the files per rank ----

template <typename ReadFile>
std::vector<Table> read_share(comm::Communicator& comm, const std::vector<std::string>& paths, ReadFile&& read_file,
                              std::vector<std::string>& mine_paths) {
  const std::vector<int64_t> sizes = agreed(comm, [&] { return file_sizes(paths); }, false);
  const FileShare share = file_share(sizes, comm.rank(), comm.size());
  for (size_t i = share.first; i < share.last; ++i) mine_paths.push_back(paths[i]);
  return agreed(comm, [&] {
    std::vector<Table> parts;
    for (const auto& p : mine_paths) parts.push_back(read_file(p));
    return parts;
  }, false);
}

Table concat_checked(const std::vector<Table>& parts, const std::vector<std::string>& paths) {
  for (size_t i = 1; i < parts.size(); ++i)
    if (parts[i].schema() != parts[0].schema())
      throw_invalid("Arrow file '" + paths[i] + "' has a different schema than '" + paths[0] + "'");
  return concat(parts);
}

}  // namespace

std::string rank_path(const std::string& path, int rank) {
  std::filesystem::path p(path);
  const std::string ext = p.extension().string();
  const std::string stem = p.stem().string();
  p.replace_filename(stem + ".rank" + std::to_string(rank) + ext);
  return p.string();
}

FileShare file_share(const std::vector<int64_t>& sizes, int rank, int size) {
  const size_t n = sizes.size();
  int64_t total = 0;
  for (int64_t s : sizes) total += s;
  auto owner = [&](size_t i, int64_t before) {
    if (total == 0) return static_cast<int>(static_cast<int64_t>(i) * size / static_cast<int64_t>(n));
    const long double mid = static_cast<long double>(before) + static_cast<long double>(sizes[i]) / 2;
    return std::min(size - 1, static_cast<int>(mid * size / static_cast<long double>(total)));
  };
  FileShare out{n, n};
  bool found = false;
  int64_t before = 0;
  for (size_t i = 0; i < n; ++i) {
    const int o = owner(i, before);
    before += sizes[i];
    if (o == rank && !found) out.first = i, found = true;
    if (o > rank) {
      out.last = i;
      if (!found) out.first = i;
      return out;
    }
  }
  if (!found) out.first = n;
  return out;
}

Table read_csv(comm::Communicator& comm, const std::vector<std::string>& paths, const io::CsvReadOptions& options) {
  if (paths.empty()) throw_invalid("distributed CSV read: no paths given");
  if (paths.size() == 1) return read_csv_one(comm, paths[0], options);
  std::vector<std::string> mine;
  std::vector<Table> parts = read_share(comm, paths, [&](const std::string& p) { return io::read_csv(p, options); }, mine);
  std::vector<Field> fields;
  if (options.schema) {
    fields = options.schema->fields();
  } else {
    fields = agree_fields(comm, vote_of(parts), "distributed CSV read");
  }
  return agreed(comm, [&] {
    if (parts.empty()) return empty_table(fields);
    io::CsvReadOptions o = options;
    o.schema = Schema(fields);
    for (size_t i = 0; i < parts.size(); ++i)
      if (!types_match(parts[i], fields)) parts[i] = io::read_csv(mine[i], o);
    return concat(parts);
  }, false);
}

Table read_ipc(comm::Communicator& comm, const std::vector<std::string>& paths) {
  if (paths.empty()) throw_invalid("distributed Arrow IPC read: no paths given");
  if (paths.size() == 1) {
    const Table all = agreed(comm, [&] { return io::read_ipc(paths[0]); }, false);
    const int64_t n = all.num_rows(), p = comm.size(), r = comm.rank();
    const int64_t begin = r * (n / p) + std::min(r, n % p);
    return all.slice(begin, n / p + (r < n % p ? 1 : 0));
  }
  std::vector<std::string> mine;
  std::vector<Table> parts = read_share(comm, paths, [](const std::string& p) { return io::read_ipc(p); }, mine);
  // Ranks without files take the schema of the first rank that has some.
  Table local = agreed(comm, [&] { return parts.empty() ? Table() : concat_checked(parts, mine); }, false);
  const auto has = comm::allgather_i64(comm, parts.empty() ? 0 : 1);
  int root = 0;
  while (root < comm.size() && has[static_cast<size_t>(root)] == 0) ++root;
  const Table schema_source = bcast_table(comm, parts.empty() ? Table() : local.slice(0, 0), root);
  if (parts.empty()) local = schema_source;
  check_same_schema(comm, local.schema(), "distributed Arrow IPC read");
  return local;
}

namespace {

// Two-phase write: every rank writes its file under a temporary name, the outcome is agreed,
// then every rank renames; a failed rename removes the files already renamed.
template <typename Produce>
void write_files(comm::Communicator& comm, const std::string& path, bool writes, Produce&& produce) {
  std::optional<io::AtomicFile> file;
  std::optional<Error> failure;
  try {
    if (writes) {
      file.emplace(path);
      produce(*file);
    }
  } catch (const Error& e) {
    failure.emplace(e);
  }
  if (failure) file.reset();  // removes the temporary file
  agree_on_failure(comm, failure);
  bool committed = false;
  try {
    if (file) file->commit(), committed = true;
  } catch (const Error& e) {
    failure.emplace(e);
  }
  const int64_t any = comm::allreduce_i64(comm, failure ? 1 : 0, comm::ReduceOp::Max);
  if (any != 0 && committed) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  agree_on_failure(comm, failure);
}

}  // namespace

void write_ipc(comm::Communicator& comm, const Table& table, const std::string& path, bool gather,
               const io::IpcWriteOptions& options) {
  const Table t = gather ? gather_table(comm, table, 0) : table;
  const std::string target = gather ? path : rank_path(path, comm.rank());
  write_files(comm, target, !gather || comm.rank() == 0, [&](io::AtomicFile& f) {
    io::write_ipc_to(t, options, [&](const void* d, size_t n) { f.write(d, n); });
  });
}

void write_csv(comm::Communicator& comm, const Table& table, const std::string& path, bool gather,
               const io::CsvWriteOptions& options) {
  const Table t = gather ? gather_table(comm, table, 0) : table;
  const std::string target = gather ? path : rank_path(path, comm.rank());
  write_files(comm, target, !gather || comm.rank() == 0, [&](io::AtomicFile& f) {
    const std::string text = io::write_csv_string(t, options);
    f.write(text.data(), text.size());
  });
}

}  // namespace deeprc::dist
