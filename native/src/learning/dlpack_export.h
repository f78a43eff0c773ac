// Columns as DLPack tensors (dlpack.h v0.6, what libtorch 1.13 imports), without copying.
//
//  - export_array: a 1-D tensor viewing the column's values buffer (the slice offset is folded
//    into `data`: libtorch 1.13 ignores byte_offset). Zero-copy unless the column has nulls and
//    the policy is Fill, which writes a filled copy. The tensor keeps the column's buffers alive
//    until its deleter runs.
//  - export_windows: the sliding windows of a column as a 2-D strided view, shape [rows, window],
//    strides [step, 1] (rows = (n - window) / step + 1), again without a copy.
//  - export_validity: the validity as a uint8 tensor (1 = valid), a copy: the mask channel.
// Types: int8..int64, uint8, float32, float64, date32 (as int32), timestamp (as int64). bool is
// bit-packed and uint16/32/64 do not exist in libtorch 1.13: Unsupported naming the type (cast
// first). Empty columns get a non-null dummy data pointer (libtorch never calls the deleter of a
// tensor whose data is NULL).
#pragma once
#include <dlpack/dlpack.h>

#include <memory>

#include "arrow/array.h"

namespace deeprc::learning {

struct DlpackDeleter {
  void operator()(DLManagedTensor* t) const {
    if (t != nullptr && t->deleter != nullptr) t->deleter(t);
  }
};
using DlpackPtr = std::unique_ptr<DLManagedTensor, DlpackDeleter>;

enum class NullPolicy : int32_t {
  Error = 0,  // nulls are Invalid, naming the count and the first null row
  Fill = 1,   // nulls become `fill` in a copy
};

DlpackPtr export_array(const Array& column, NullPolicy policy, double fill);
DlpackPtr export_windows(const Array& column, int64_t window, int64_t step);
DlpackPtr export_validity(const Array& column);

}  // namespace deeprc::learning
