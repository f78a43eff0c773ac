// Distributed read/write: CSV byte ranges (quoted fields with newlines, widening agreed across
// ranks, ranks without rows, parse errors naming the file's line), several files shared by size,
// Arrow IPC row shares, per-rank and gathered writes, and a failing rank leaving no file behind.
// Files live in a directory made by rank 0 and broadcast (ranks may be threads or processes).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "arrow/selection.h"
#include "core/error.h"
#include "dist/dist_io.h"
#include "dist/dist_test.h"
#include "dist/table_exchange.h"
#include "dist_ops_test_util.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"
#include "io/ipc_reader.h"
#include "io/ipc_writer.h"

using namespace deeprc;
namespace fs = std::filesystem;

namespace {

// A fresh directory shared by the group (removed by rank 0 at the end).
class SharedDir {
 public:
  explicit SharedDir(comm::Communicator& comm) : comm_(comm) {
    std::string path;
    if (comm.rank() == 0) {
      std::string tmpl = (fs::temp_directory_path() / "deeprc_dist_io_XXXXXX").string();
      if (mkdtemp(tmpl.data()) != nullptr) path = tmpl;
    }
    const auto bytes = comm::bcast_bytes(comm, std::span(reinterpret_cast<const uint8_t*>(path.data()), path.size()), 0);
    path_.assign(bytes.begin(), bytes.end());
  }
  ~SharedDir() {
    comm_.barrier();
    std::error_code ec;
    if (comm_.rank() == 0) fs::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  // Rank 0 writes, everyone waits.
  void write_text(const std::string& name, const std::string& text) const {
    if (comm_.rank() == 0) std::ofstream(file(name), std::ios::binary) << text;
    comm_.barrier();
  }

 private:
  comm::Communicator& comm_;
  std::string path_;
};

// A CSV whose quoted fields hold newlines, commas and quotes; column n is int64 in the first
// half and float later (so ranks infer differently), column e is empty until the last rows.
std::string tricky_csv(int rows) {
  std::string s = "id,text,n,e\n";
  for (int i = 0; i < rows; ++i) {
    s += std::to_string(i) + ",";
    if (i % 3 == 0) s += "\"line\nbreak, \"\"quoted\"\"\n" + std::to_string(i) + "\"";
    else s += "plain" + std::to_string(i % 7);
    s += "," + (i < rows / 2 ? std::to_string(i * 3) : std::to_string(i) + ".5");
    s += "," + (i > rows - 3 ? std::string("2024-01-0") + std::to_string(1 + i % 9) : std::string()) + "\n";
  }
  return s;
}

}  // namespace

DIST_TEST(DistIo, CsvOnePathEqualsTheLocalRead) {
  SharedDir dir(comm);
  for (int rows : {0, 1, 2, 400}) {
    const std::string name = "t" + std::to_string(rows) + ".csv";
    dir.write_text(name, tricky_csv(rows));
    io::CsvReadOptions opt;
    opt.num_threads = 1;
    const Table got = dist::read_csv(comm, {dir.file(name)}, opt);
    const Table want = io::read_csv(dir.file(name), opt);
    EXPECT_EQ(got.schema(), want.schema()) << rows << " rows, rank " << comm.rank();
    EXPECT_TRUE(dist::allgather_table(comm, got).equals(want)) << rows << " rows";
  }
}

DIST_TEST(DistIo, CsvOptionsAndWideningEqualTheLocalRead) {
  SharedDir dir(comm);
  // CRLF records, a date column that becomes a timestamp late in the file, an int column that
  // becomes text, a ';' delimiter; read with and without a header and with a schema.
  std::string body;
  for (int i = 0; i < 240; ++i) {
    body += std::to_string(i) + ";2024-02-" + std::to_string(10 + i % 9) + (i > 200 ? "T01:02:03.5" : "") + ";";
    body += (i == 230 ? std::string("x") : std::to_string(i % 5)) + "\r\n";
  }
  dir.write_text("h.csv", "a;t;u\r\n" + body);
  dir.write_text("n.csv", body);
  io::CsvReadOptions opt;
  opt.delimiter = ';';
  opt.num_threads = 1;
  io::CsvReadOptions no_header = opt;
  no_header.has_header = false;
  io::CsvReadOptions typed = no_header;
  typed.schema = Schema({Field{"x", DataType(TypeId::Int64), true}, Field{"y", DataType(TypeId::Utf8), true},
                         Field{"z", DataType(TypeId::Utf8), true}});
  io::CsvReadOptions no_quotes = opt;
  no_quotes.quote = '\0';
  const std::pair<const char*, const io::CsvReadOptions*> cases[] = {
      {"h.csv", &opt}, {"n.csv", &no_header}, {"n.csv", &typed}, {"h.csv", &no_quotes}};
  for (const auto& [name, o] : cases) {
    const Table want = io::read_csv(dir.file(name), *o);
    const Table got = dist::read_csv(comm, {dir.file(name)}, *o);
    EXPECT_EQ(got.schema(), want.schema()) << name << " rank " << comm.rank() << ": " << got.schema().to_string();
    EXPECT_TRUE(dist::allgather_table(comm, got).equals(want)) << name;
  }
}

DIST_TEST(DistIo, CsvParseErrorNamesTheFileAndItsLine) {
  SharedDir dir(comm);
  std::string text = "a,b\n";
  for (int i = 0; i < 300; ++i) text += std::to_string(i) + ",\"x\ny\"\n";  // two lines per record
  text += "1,2,3\n";                                                       // ragged, line 602
  for (int i = 0; i < 20; ++i) text += "5,z\n";
  dir.write_text("bad.csv", text);
  std::string local;
  try {
    io::read_csv(dir.file("bad.csv"));
  } catch (const Error& e) {
    local = e.what();
  }
  try {
    dist::read_csv(comm, {dir.file("bad.csv")}, {});
    ADD_FAILURE() << "expected a parse error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Parse);
    EXPECT_NE(std::string(e.what()).find("line 602"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bad.csv"), std::string::npos) << e.what();
  }
  EXPECT_NE(local.find("line 602"), std::string::npos) << local;
}

DIST_TEST(DistIo, CsvSeveralPathsAgreeOnTypes) {
  SharedDir dir(comm);
  std::vector<std::string> paths;
  std::vector<Table> want;
  io::CsvReadOptions opt;
  opt.num_threads = 1;
  for (int f = 0; f < 5; ++f) {
    std::string text = "k,v\n";
    for (int i = 0; i < 10 + 37 * f; ++i) text += "key" + std::to_string(i % 4) + "," + (f == 3 ? "1.25" : std::to_string(i)) + "\n";
    const std::string name = "part" + std::to_string(f) + ".csv";
    dir.write_text(name, text);
    paths.push_back(dir.file(name));
  }
  io::CsvReadOptions typed = opt;
  typed.schema = Schema({Field{"k", DataType(TypeId::Utf8), true}, Field{"v", DataType(TypeId::Float64), true}});
  for (const auto& p : paths) want.push_back(io::read_csv(p, typed));
  const Table got = dist::read_csv(comm, paths, opt);
  EXPECT_EQ(got.schema(), want[0].schema());
  EXPECT_TRUE(dist::allgather_table(comm, got).equals(concat(want)));
}

DIST_TEST(DistIo, IpcRowShareAndFileShare) {
  SharedDir dir(comm);
  const Table all = disttest::everything(3);
  if (comm.rank() == 0) {
    io::write_ipc(all, dir.file("all.arrow"));
    for (int f = 0; f < 3; ++f) io::write_ipc(disttest::partition(f, 3), dir.file("p" + std::to_string(f) + ".arrow"));
  }
  comm.barrier();
  const Table one = dist::read_ipc(comm, {dir.file("all.arrow")});
  const int64_t n = all.num_rows();
  EXPECT_EQ(one.num_rows(), n / comm.size() + (comm.rank() < n % comm.size() ? 1 : 0));
  EXPECT_TRUE(dist::allgather_table(comm, one).equals(all));
  const Table several = dist::read_ipc(comm, {dir.file("p0.arrow"), dir.file("p1.arrow"), dir.file("p2.arrow")});
  EXPECT_EQ(several.schema(), all.schema());
  EXPECT_TRUE(dist::allgather_table(comm, several).equals(all));
}

DIST_TEST(DistIo, WritePerRankAndGathered) {
  SharedDir dir(comm);
  const Table mine = disttest::partition(comm.rank(), comm.size());
  const Table all = disttest::everything(comm.size());
  dist::write_ipc(comm, mine, dir.file("out.arrow"), false, {});
  EXPECT_TRUE(io::read_ipc(dist::rank_path(dir.file("out.arrow"), comm.rank())).equals(mine));
  dist::write_ipc(comm, mine, dir.file("all.arrow"), true, {});
  if (comm.rank() == 0) {
    EXPECT_TRUE(io::read_ipc(dir.file("all.arrow")).equals(all));
  }
  dist::write_csv(comm, mine, dir.file("out.csv"), false, {});
  dist::write_csv(comm, mine, dir.file("all.csv"), true, {});
  comm.barrier();
  // Read back: the per-rank files as several paths, the gathered one as byte ranges.
  std::vector<std::string> parts;
  for (int r = 0; r < comm.size(); ++r) parts.push_back(dist::rank_path(dir.file("out.csv"), r));
  const Table local_all = io::read_csv(dir.file("all.csv"));
  EXPECT_EQ(io::write_csv_string(local_all), io::write_csv_string(all));
  EXPECT_TRUE(dist::allgather_table(comm, dist::read_csv(comm, {dir.file("all.csv")}, {})).equals(local_all));
  if (comm.size() > 1) {  // rank 1's partition is empty: its file has only the header
    EXPECT_TRUE(dist::allgather_table(comm, dist::read_csv(comm, parts, {})).equals(local_all));
  }
}

DIST_TEST(DistIo, FailingRankLeavesNoFileBehind) {
  SharedDir dir(comm);
  const Table mine = disttest::partition(comm.rank(), comm.size());
  const int bad = comm.size() - 1;
  // A directory where the last rank's file should go: its rename fails after the others succeeded.
  if (comm.rank() == 0) fs::create_directory(dist::rank_path(dir.file("x.arrow"), bad));
  comm.barrier();
  try {
    dist::write_ipc(comm, mine, dir.file("x.arrow"), false, {});
    ADD_FAILURE() << "expected a failure";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("rank " + std::to_string(bad)), std::string::npos) << e.what();
  }
  comm.barrier();
  for (int r = 0; r < bad; ++r) EXPECT_FALSE(fs::exists(dist::rank_path(dir.file("x.arrow"), r))) << "rank " << r;
  // An unwritable directory fails at open time on every rank.
  EXPECT_THROW(dist::write_csv(comm, mine, dir.file("missing/dir/y.csv"), false, {}), Error);
}

TEST(DistIo, RankPath) {
  EXPECT_EQ(dist::rank_path("a/out.arrow", 3), "a/out.rank3.arrow");
  EXPECT_EQ(dist::rank_path("out", 0), "out.rank0");
  EXPECT_EQ(dist::rank_path("/x/y.tar.gz", 12), "/x/y.tar.rank12.gz");
  EXPECT_EQ(dist::rank_path("dir.d/.hidden", 1), "dir.d/.hidden.rank1");
}

TEST(DistIo, FileShareIsContiguousAndBalanced) {
  const std::vector<int64_t> sizes = {100, 1, 1, 300, 50, 50, 0, 200};
  for (int p = 1; p <= 5; ++p) {
    size_t next = 0;
    for (int r = 0; r < p; ++r) {
      const auto s = dist::file_share(sizes, r, p);
      EXPECT_EQ(s.first, next) << p << " ranks, rank " << r;
      EXPECT_LE(s.first, s.last);
      next = s.last;
    }
    EXPECT_EQ(next, sizes.size());
  }
}
