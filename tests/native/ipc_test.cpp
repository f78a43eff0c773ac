// Arrow IPC reader/writer: round trips (stream/file, compression, batches, slices, empty
// tables), corrupt and unsupported input, and the C ABI.
#include <gtest/gtest.h>

#include <flatbuffers/flatbuffers.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "File_generated.h"
#include "Message_generated.h"
#include "arrow/buffer.h"
#include "arrow/selection.h"
#include "core/error.h"
#include "deeprc/deeprc.h"
#include "io/ipc_reader.h"
#include "io/ipc_writer.h"
#include "ipc_test_util.h"

using namespace deeprc;
using deeprc::io::IpcWriteOptions;
using deeprc::io::ipc::Compression;
using deeprc::io::ipc::Format;
namespace fs = std::filesystem;
namespace fb = org::apache::arrow::flatbuf;

namespace {

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("drc_ipc_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

void expect_tables_equal(const Table& a, const Table& b) {
  ASSERT_EQ(a.schema().to_string(), b.schema().to_string());
  ASSERT_EQ(a.schema(), b.schema());  // includes nullability
  ASSERT_EQ(a.num_rows(), b.num_rows());
  for (int c = 0; c < a.num_columns(); ++c) {
    ASSERT_TRUE(a.column(c).equals(b.column(c))) << "column " << a.schema().field(c).name;
  }
}

std::vector<uint8_t> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

IpcWriteOptions opts(Format f, Compression c = Compression::None, int64_t batch = 0) {
  IpcWriteOptions o;
  o.format = f;
  o.compression = c;
  o.max_batch_rows = batch;
  return o;
}

ErrorCode read_error(const std::vector<uint8_t>& bytes) {
  try {
    io::read_ipc_bytes(bytes.data(), static_cast<int64_t>(bytes.size()));
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::Internal;  // "no error"
}

std::string read_message(const std::vector<uint8_t>& bytes) {
  try {
    io::read_ipc_bytes(bytes.data(), static_cast<int64_t>(bytes.size()), "'mem.arrow'");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

class IpcRoundTrip : public ::testing::TestWithParam<std::tuple<Format, Compression, int64_t>> {};

TEST_P(IpcRoundTrip, AllTypesWithNullsAndSlices) {
  const auto [format, compression, batch] = GetParam();
  TempDir dir;
  const Table t = ipctest::all_types_table(1000, 7);
  // Whole table, a slice at an odd (non byte-aligned) offset, and a slice at a byte boundary.
  const std::vector<Table> inputs = {t, t.slice(13, 611), t.slice(16, 300), t.slice(999, 1)};
  for (size_t k = 0; k < inputs.size(); ++k) {
    SCOPED_TRACE("input " + std::to_string(k));
    const std::string path = dir.file("t" + std::to_string(k) + ".arrow");
    io::write_ipc(inputs[k], path, opts(format, compression, batch));
    expect_tables_equal(inputs[k], io::read_ipc(path));
    const auto bytes = io::write_ipc_bytes(inputs[k], opts(format, compression, batch));
    EXPECT_EQ(bytes, read_all(path));
    expect_tables_equal(inputs[k], io::read_ipc_bytes(bytes.data(), static_cast<int64_t>(bytes.size())));
  }
}

INSTANTIATE_TEST_SUITE_P(Ipc, IpcRoundTrip,
                         ::testing::Combine(::testing::Values(Format::Stream, Format::File),
                                            ::testing::Values(Compression::None, Compression::Lz4Frame, Compression::Zstd),
                                            ::testing::Values(int64_t{0}, int64_t{1}, int64_t{97})));

TEST(Ipc, RandomTablesManySeeds) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const int64_t rows = static_cast<int64_t>(ipctest::ipc_rand(seed, 0) % 300);
    const Table t = ipctest::all_types_table(rows, seed, seed % 3 != 0);
    const int64_t off = rows > 0 ? static_cast<int64_t>(ipctest::ipc_rand(seed, 1) % static_cast<uint64_t>(rows)) : 0;
    const Table s = t.slice(off, rows - off);
    for (Format f : {Format::Stream, Format::File}) {
      for (Compression c : {Compression::None, Compression::Zstd}) {
        const auto bytes = io::write_ipc_bytes(s, opts(f, c, static_cast<int64_t>(seed * 5)));
        expect_tables_equal(s, io::read_ipc_bytes(bytes.data(), static_cast<int64_t>(bytes.size())));
      }
    }
  }
}

TEST(Ipc, EmptyTableAndZeroColumns) {
  for (Format f : {Format::Stream, Format::File}) {
    const Table empty = ipctest::all_types_table(0, 1);
    auto bytes = io::write_ipc_bytes(empty, opts(f));
    expect_tables_equal(empty, io::read_ipc_bytes(bytes.data(), static_cast<int64_t>(bytes.size())));

    const Table nocols(Schema(std::vector<Field>{}), {}, 42);
    bytes = io::write_ipc_bytes(nocols, opts(f, Compression::None, 10));
    const Table back = io::read_ipc_bytes(bytes.data(), static_cast<int64_t>(bytes.size()));
    EXPECT_EQ(back.num_columns(), 0);
    EXPECT_EQ(back.num_rows(), 42);
  }
}

TEST(Ipc, LayoutIsAlignedAndFramed) {
  const Table t = ipctest::all_types_table(100, 3);
  const auto file = io::write_ipc_bytes(t, opts(Format::File));
  ASSERT_GT(file.size(), 20u);
  EXPECT_EQ(std::memcmp(file.data(), "ARROW1\0\0", 8), 0);
  EXPECT_EQ(std::memcmp(file.data() + file.size() - 6, "ARROW1", 6), 0);
  int32_t footer_len;
  std::memcpy(&footer_len, file.data() + file.size() - 10, 4);
  const uint8_t* footer_ptr = file.data() + file.size() - 10 - footer_len;
  std::vector<uint64_t> aligned((static_cast<size_t>(footer_len) + 7) / 8);
  std::memcpy(aligned.data(), footer_ptr, static_cast<size_t>(footer_len));
  const fb::Footer* footer = fb::GetFooter(aligned.data());
  ASSERT_EQ(footer->recordBatches()->size(), 1u);
  const fb::Block* blk = footer->recordBatches()->Get(0);
  EXPECT_EQ((blk->offset() + blk->metaDataLength()) % 64, 0);  // body 64-byte aligned
  uint32_t marker;
  std::memcpy(&marker, file.data() + blk->offset(), 4);
  EXPECT_EQ(marker, 0xFFFFFFFFu);
  EXPECT_EQ(footer->version(), fb::MetadataVersion::V5);

  const auto stream = io::write_ipc_bytes(t, opts(Format::Stream));
  const uint32_t eos[2] = {0xFFFFFFFFu, 0};
  EXPECT_EQ(std::memcmp(stream.data() + stream.size() - 8, eos, 8), 0);
}

TEST(Ipc, UncompressedFileReadIsZeroCopy) {
  TempDir dir;
  const Table t = ipctest::all_types_table(20000, 5);
  const std::string path = dir.file("zc.arrow");
  io::write_ipc(t, path, opts(Format::File));
  const int64_t before = bytes_allocated();
  const Table back = io::read_ipc(path);
  // Reading must not allocate copies of the column buffers (only tiny metadata).
  EXPECT_LT(bytes_allocated() - before, 4096);
  expect_tables_equal(t, back);
}

TEST(Ipc, WriteFailureLeavesNoFile) {
  TempDir dir;
  const Table t = ipctest::all_types_table(10, 1);
  EXPECT_THROW(io::write_ipc(t, dir.file("missing_dir/x.arrow"), opts(Format::File)), Error);
  IpcWriteOptions bad;
  bad.compression = static_cast<Compression>(9);
  EXPECT_THROW(io::write_ipc(t, dir.file("bad.arrow"), bad), Error);
  EXPECT_FALSE(fs::exists(dir.file("bad.arrow")));
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++n;
  EXPECT_EQ(n, 0u);  // no temporary files either
}

TEST(Ipc, CorruptInputIsRejectedWithClearErrors) {
  const Table t = ipctest::all_types_table(50, 2);
  const auto file = io::write_ipc_bytes(t, opts(Format::File));

  auto bad_magic = file;
  bad_magic[file.size() - 1] = 'X';
  EXPECT_EQ(read_error(bad_magic), ErrorCode::Parse);
  EXPECT_NE(read_message(bad_magic).find("'mem.arrow'"), std::string::npos);
  EXPECT_NE(read_message(bad_magic).find("magic"), std::string::npos);

  auto truncated = std::vector<uint8_t>(file.begin(), file.begin() + static_cast<long>(file.size() / 2));
  EXPECT_EQ(read_error(truncated), ErrorCode::Parse);

  EXPECT_EQ(read_error({}), ErrorCode::Parse);
  EXPECT_EQ(read_error({1, 2, 3}), ErrorCode::Parse);
  EXPECT_NE(read_message({}).find("empty"), std::string::npos);

  // A truncated stream: the second half of a message body is missing.
  const auto stream = io::write_ipc_bytes(t, opts(Format::Stream));
  auto cut = std::vector<uint8_t>(stream.begin(), stream.end() - 100);
  EXPECT_EQ(read_error(cut), ErrorCode::Parse);
  EXPECT_NE(read_message(cut).find("truncated"), std::string::npos) << read_message(cut);

  EXPECT_THROW(io::read_ipc("/nonexistent/dir/x.arrow"), Error);
}

// Flips, overwrites and truncates bytes of valid files at many positions; every outcome must be
// a table or a deeprc::Error (run under ASan/UBSan to catch memory errors too).
TEST(Ipc, FuzzedInputNeverCrashes) {
  const Table t = ipctest::all_types_table(40, 9).slice(3, 30);
  int ok = 0, errors = 0;
  for (Format f : {Format::File, Format::Stream}) {
    for (Compression c : {Compression::None, Compression::Lz4Frame, Compression::Zstd}) {
      const auto valid = io::write_ipc_bytes(t, opts(f, c, 11));
      const size_t n = valid.size();
      for (size_t pos = 0; pos < n; pos += (c == Compression::None ? 5 : 13)) {
        for (int variant = 0; variant < 3; ++variant) {
          std::vector<uint8_t> bytes = valid;
          if (variant == 0) bytes[pos] ^= static_cast<uint8_t>(1u << (pos % 8));
          else if (variant == 1) bytes[pos] = static_cast<uint8_t>(ipctest::ipc_rand(pos, 77) & 0xFF);
          else bytes.resize(pos);
          try {
            const Table back = io::read_ipc_bytes(bytes.data(), static_cast<int64_t>(bytes.size()));
            // Whatever was read must be a well-formed table we can walk.
            for (const auto& col : back.columns())
              for (int64_t i = 0; i < col.length(); ++i) (void)col.format_value(i);
            ++ok;
          } catch (const Error&) {
            ++errors;
          }
        }
      }
    }
  }
  EXPECT_GT(errors, 0);
  EXPECT_GT(ok, 0);
}

namespace {

// A stream whose only field has the given flatbuffers type (and optional dictionary encoding).
std::vector<uint8_t> stream_with_field(fb::Type tag, bool dictionary) {
  flatbuffers::FlatBufferBuilder b;
  flatbuffers::Offset<void> type;
  if (tag == fb::Type::Binary) type = fb::CreateBinary(b).Union();
  else if (tag == fb::Type::Utf8) type = fb::CreateUtf8(b).Union();
  else type = fb::CreateList(b).Union();
  flatbuffers::Offset<fb::DictionaryEncoding> dict;
  if (dictionary) dict = fb::CreateDictionaryEncoding(b, 0, fb::CreateInt(b, 32, true));
  auto field = fb::CreateField(b, b.CreateString("blob"), true, tag, type, dict);
  auto schema = fb::CreateSchema(b, fb::Endianness::Little, b.CreateVector(std::vector{field}));
  b.Finish(fb::CreateMessage(b, fb::MetadataVersion::V5, fb::MessageHeader::Schema, schema.Union(), 0));
  const uint32_t marker = 0xFFFFFFFFu;
  const auto len = static_cast<int32_t>((b.GetSize() + 7) / 8 * 8);
  // continuation marker + length, metadata padded to 8, then end-of-stream (marker + zero length)
  std::vector<uint8_t> out(8 + static_cast<size_t>(len) + 8, 0);
  std::memcpy(out.data(), &marker, 4);
  std::memcpy(out.data() + 4, &len, 4);
  std::memcpy(out.data() + 8, b.GetBufferPointer(), b.GetSize());
  std::memcpy(out.data() + 8 + len, &marker, 4);
  return out;
}

}  // namespace

TEST(Ipc, UnsupportedTypesAreNamed) {
  auto binary = stream_with_field(fb::Type::Binary, false);
  EXPECT_EQ(read_error(binary), ErrorCode::Unsupported);
  EXPECT_NE(read_message(binary).find("unsupported Arrow type binary in column 'blob'"), std::string::npos)
      << read_message(binary);
  auto list = stream_with_field(fb::Type::List, false);
  EXPECT_NE(read_message(list).find("unsupported Arrow type list in column 'blob'"), std::string::npos);
  auto dict = stream_with_field(fb::Type::Utf8, true);
  EXPECT_EQ(read_error(dict), ErrorCode::Unsupported);
  EXPECT_NE(read_message(dict).find("dictionary"), std::string::npos);
  // A schema-only stream of a supported type reads as an empty table.
  auto ok = stream_with_field(fb::Type::Utf8, false);
  const Table t = io::read_ipc_bytes(ok.data(), static_cast<int64_t>(ok.size()));
  EXPECT_EQ(t.num_rows(), 0);
  EXPECT_EQ(t.schema().field(0).type.id, TypeId::Utf8);
}

TEST(IpcCapi, WriteReadAndStatuses) {
  TempDir dir;
  drc_ipc_write_options o;
  std::memset(&o, 0x5A, sizeof o);
  drc_ipc_write_options_init(&o);
  EXPECT_EQ(o.format, DRC_IPC_FILE);
  EXPECT_EQ(o.compression, DRC_COMPRESSION_NONE);
  EXPECT_EQ(o.max_batch_rows, 0);

  drc_table* gen = nullptr;
  ASSERT_EQ(drc_gen_workload("W4", 1000, 0, -1, 42, &gen), nullptr);
  const std::string path = dir.file("capi.arrow");
  o.compression = DRC_COMPRESSION_ZSTD;
  o.max_batch_rows = 300;
  ASSERT_EQ(drc_ipc_write(gen, path.c_str(), &o), nullptr);
  drc_table* back = nullptr;
  ASSERT_EQ(drc_ipc_read(path.c_str(), &back), nullptr);
  int32_t eq = 0;
  ASSERT_EQ(drc_table_equals(gen, back, &eq), nullptr);
  EXPECT_EQ(eq, 1);
  drc_table_free(back);

  // Defaults (options NULL) and read_bytes.
  ASSERT_EQ(drc_ipc_write(gen, path.c_str(), nullptr), nullptr);
  const auto bytes = read_all(path);
  back = nullptr;
  ASSERT_EQ(drc_ipc_read_bytes(bytes.data(), static_cast<int64_t>(bytes.size()), &back), nullptr);
  ASSERT_EQ(drc_table_equals(gen, back, &eq), nullptr);
  EXPECT_EQ(eq, 1);
  drc_table_free(back);

  // Failures come back as statuses, out-parameters untouched.
  back = nullptr;
  drc_status* st = drc_ipc_read((dir.file("nope.arrow")).c_str(), &back);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_IO);
  EXPECT_EQ(back, nullptr);
  drc_status_free(st);

  const uint8_t junk[] = {'A', 'R', 'R', 'O', 'W', '1', 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  st = drc_ipc_read_bytes(junk, sizeof junk, &back);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_PARSE);
  EXPECT_NE(std::string(drc_status_message(st)).find("magic"), std::string::npos);
  drc_status_free(st);

  st = drc_ipc_read_bytes(nullptr, 10, &back);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  drc_status_free(st);

  o.format = 7;
  st = drc_ipc_write(gen, dir.file("bad.arrow").c_str(), &o);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  drc_status_free(st);
  EXPECT_FALSE(fs::exists(dir.file("bad.arrow")));

  st = drc_ipc_write(nullptr, path.c_str(), nullptr);
  ASSERT_NE(st, nullptr);
  drc_status_free(st);
  drc_table_free(gen);
}
