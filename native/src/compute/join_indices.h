// The result of a join algorithm before materialisation: pairs of row indices, in chunks so that
// threads can produce (and later gather) them independently without a concatenation pass.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace deeprc::compute {

struct JoinIndexChunk {
  std::vector<int64_t> left;   // left row, or -1 for "no left row" (right/full outer)
  std::vector<int64_t> right;  // right row, or -1; empty for semi/anti joins
  int64_t size() const { return static_cast<int64_t>(left.size()); }
};

struct JoinIndices {
  std::vector<JoinIndexChunk> chunks;  // output order = chunk order, then position in chunk

  int64_t num_rows() const {
    int64_t n = 0;
    for (const auto& c : chunks) n += c.size();
    return n;
  }
  // Output row where each chunk starts (size chunks+1).
  std::vector<int64_t> offsets() const {
    std::vector<int64_t> o(chunks.size() + 1, 0);
    for (std::size_t i = 0; i < chunks.size(); ++i) o[i + 1] = o[i] + chunks[i].size();
    return o;
  }
};

}  // namespace deeprc::compute
