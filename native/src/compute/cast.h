// Casting arrays between types. Values that do not fit the target type are an error naming the
// row and value (never silent wrap-around or truncation); nulls stay null.
#pragma once
#include "arrow/array.h"

namespace deeprc::compute {

// Supported: any integer/float -> any integer/float (integers must fit; floats cast to integers
// must be integral and in range), bool <-> integer, date32 <-> int32, timestamp <-> int64,
// timestamp unit changes (exact when refining; coarsening truncates toward zero is NOT allowed:
// it must be exact), date32 <-> timestamp, utf8 <-> large_utf8, anything -> utf8/large_utf8
// (formatted), utf8 -> numbers/bool/date32/timestamp (parsed). `what` names the column in errors.
Array cast(const Array& values, const DataType& to, const std::string& what = "value");

// The type two numeric key types are compared as: int64 for signed/unsigned mixes that fit,
// uint64 for two unsigned, float64 when a float is involved.
DataType common_numeric_type(const DataType& a, const DataType& b);

}  // namespace deeprc::compute
