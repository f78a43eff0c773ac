// Element-wise reductions over the numeric types, shared by the in-process backends.
#pragma once
#include <cstdint>

#include "arrow/type.h"
#include "comm/communicator.h"

namespace deeprc::comm {

// acc[i] = op(acc[i], in[i]) for i in [0, count). Sum is IEEE / two's complement wrap-around;
// min/max take the smaller/larger by operator< (a NaN in `in` never replaces a number in acc).
// Throws Invalid for non-numeric types.
void reduce_into(void* acc, const void* in, int64_t count, TypeId type, ReduceOp op);

// Throws Invalid naming `what` unless `type` is a fixed-width numeric type.
void check_reducible(TypeId type, const char* what);

}  // namespace deeprc::comm
