// Options of the relational join (compute/join.h).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace deeprc::compute {

// Values match DRC_JOIN_* in deeprc.h.
enum class JoinType : int32_t {
  Inner = 0,  // matching pairs
  Left = 1,   // + left rows without a match (right columns null)
  Right = 2,  // + right rows without a match (left columns null)
  Full = 3,   // + unmatched rows of both sides
  Semi = 4,   // left rows with at least one match (left columns only, each row once)
  Anti = 5,   // left rows without a match, including rows with a null key (left columns only)
};

// Values match DRC_JOIN_ALGORITHM_* in deeprc.h.
enum class JoinAlgorithm : int32_t {
  Auto = 0,       // currently always the hash join
  Hash = 1,       // partitioned hash join, multi-threaded
  SortMerge = 2,  // merge of inputs already sorted by the keys (checked; unsorted input is an error)
};

struct JoinOptions {
  JoinType type = JoinType::Inner;
  JoinAlgorithm algorithm = JoinAlgorithm::Auto;
  std::vector<std::string> left_on;   // key columns of the left table
  std::vector<std::string> right_on;  // key columns of the right table (empty = same names as left_on)
  // Compare integer/float keys of different types as a common numeric type (int64, uint64 or
  // float64) instead of failing.
  bool allow_cast = false;
  // Appended to non-key column names present on both sides.
  std::string left_suffix = "_x";
  std::string right_suffix = "_y";
  int num_threads = 0;  // 0 = all cores
};

const char* join_type_name(JoinType t);

}  // namespace deeprc::compute
