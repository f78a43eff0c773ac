// Materialising a join: the output column plan (names, suffixes, merged keys) and the parallel
// gathers that turn JoinIndices into columns.
#pragma once
#include <string>
#include <vector>

#include "arrow/table.h"
#include "compute/join_indices.h"
#include "compute/join_options.h"

namespace deeprc::compute {

struct OutputColumn {
  enum class Source { Left, Right, Coalesce };
  Source source = Source::Left;
  int column = 0;  // index in the left (Left) or right (Right) table; key pair index (Coalesce)
  Field field;
};

// Left columns, then right columns. A key named the same on both sides of one key pair is emitted
// once at its left position: the left column for inner/left/semi/anti, the right column for
// right joins, left-else-right for full joins. Other names present on both sides get the
// suffixes; a suffixed name that still collides is an Invalid error. Semi/anti: left columns only.
std::vector<OutputColumn> plan_output(const Table& left, const Table& right, const JoinOptions& options);

// Gathers src rows by the left (right_side = false) or right indices; -1 gives a null.
Array gather_rows(const Array& src, const JoinIndices& idx, bool right_side, int threads);
// Row r: left[left index] when the left index is >= 0, else right[right index] (same types).
Array gather_coalesce(const Array& left, const Array& right, const JoinIndices& idx, int threads);

}  // namespace deeprc::compute
