// Distributed read and write of CSV and Arrow IPC files.
//
// Read, one path: CSV — the data bytes are cut into one chunk per rank; each rank counts the quote
// characters and newlines of its chunk, the counts are allgathered, and each rank starts at the
// first newline outside quotes in its chunk (a quoted field may hold newlines), so it parses
// only its byte range. IPC — the file is mapped (zero-copy) and rank r keeps its balanced row
// share. Several paths: rank r reads a contiguous share of the files, balanced by size.
// Every rank gets the same schema, also ranks without rows: CSV types inferred per rank are
// agreed (int64+float64 -> float64, timestamp units -> the finer, date32+naive timestamp -> the
// timestamp, otherwise utf8 — the reader's inference order; ranks without
// values do not vote) and ranks whose inferred types differ parse again with the agreed ones.
// Errors are agreed: every rank throws the earliest one (parse errors name the file and the line
// of the file).
//
// Write: gather (rank 0 writes every row to `path`) or per rank (rank r writes rank_path(path, r)).
// Files are written to temporary names and renamed only when every rank succeeded, so either all
// files exist or none is left behind; the error names the failing rank.
#pragma once
#include <string>
#include <vector>

#include "arrow/table.h"
#include "comm/communicator.h"
#include "io/csv_options.h"
#include "io/ipc_writer.h"

namespace deeprc::dist {

Table read_csv(comm::Communicator& comm, const std::vector<std::string>& paths, const io::CsvReadOptions& options);
Table read_ipc(comm::Communicator& comm, const std::vector<std::string>& paths);

void write_ipc(comm::Communicator& comm, const Table& table, const std::string& path, bool gather,
               const io::IpcWriteOptions& options);
void write_csv(comm::Communicator& comm, const Table& table, const std::string& path, bool gather,
               const io::CsvWriteOptions& options);

// "a/out.arrow" -> "a/out.rank3.arrow", "out" -> "out.rank3" (the extension stays last).
std::string rank_path(const std::string& path, int rank);

// Which files rank r reads: [first, last) of `sizes`, contiguous, balanced by bytes.
struct FileShare {
  size_t first = 0;
  size_t last = 0;
};
FileShare file_share(const std::vector<int64_t>& sizes, int rank, int size);

}  // namespace deeprc::dist
