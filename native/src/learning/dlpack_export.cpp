#include "learning/dlpack_export.h"

#include <string>
#include <vector>

#include "core/error.h"

namespace deeprc::learning {
namespace {

// What a DLManagedTensor's manager_ctx points to: the viewed memory's owner and the shape.
struct ExportContext {
  DLManagedTensor managed{};
  std::shared_ptr<const ArrayData> viewed;  // keeps the column's buffers alive
  std::vector<uint8_t> owned;               // the data when it had to be copied (fill, validity)
  int64_t shape[2] = {0, 0};
  int64_t strides[2] = {1, 1};
};

void delete_context(DLManagedTensor* self) {
  std::unique_ptr<ExportContext> owned(static_cast<ExportContext*>(self->manager_ctx));
}

alignas(64) uint8_t empty_dummy[64];

DLDataType dl_type(const Array& a) {
  const auto dt = [](uint8_t code, uint8_t bits) { return DLDataType{code, bits, 1}; };
  switch (a.type_id()) {
    case TypeId::Int8: return dt(kDLInt, 8);
    case TypeId::Int16: return dt(kDLInt, 16);
    case TypeId::Int32: case TypeId::Date32: return dt(kDLInt, 32);
    case TypeId::Int64: case TypeId::Timestamp: return dt(kDLInt, 64);
    case TypeId::UInt8: return dt(kDLUInt, 8);
    case TypeId::Float32: return dt(kDLFloat, 32);
    case TypeId::Float64: return dt(kDLFloat, 64);
    case TypeId::Bool:
      throw_unsupported("a bool column is bit-packed and cannot be viewed as a tensor; cast it to uint8 first");
    case TypeId::UInt16: case TypeId::UInt32: case TypeId::UInt64:
      throw_unsupported("libtorch 1.13 has no " + a.type().to_string() + " tensors; cast the column to int64 first");
    default:
      throw_unsupported("a " + a.type().to_string() + " column cannot be viewed as a tensor (numeric columns only)");
  }
}

DlpackPtr finish(std::unique_ptr<ExportContext> ctx, void* data, DLDataType type, int ndim) {
  DLTensor& t = ctx->managed.dl_tensor;
  t.data = data != nullptr ? data : empty_dummy;
  t.device = DLDevice{kDLCPU, 0};
  t.ndim = ndim;
  t.dtype = type;
  t.shape = ctx->shape;
  t.strides = ctx->strides;
  t.byte_offset = 0;
  ctx->managed.manager_ctx = ctx.get();
  ctx->managed.deleter = delete_context;
  return DlpackPtr(&ctx.release()->managed);
}

void* values_address(const Array& a, int64_t width) {
  const auto& d = a.data();
  if (!d.values) return nullptr;
  return const_cast<uint8_t*>(d.values->data()) + d.offset * width;
}

int64_t first_null(const Array& a) {
  for (int64_t i = 0; i < a.length(); ++i)
    if (a.is_null(i)) return i;
  return -1;
}

void require_no_nulls(const Array& a, const char* what) {
  if (a.null_count() == 0) return;
  throw_invalid(std::string(what) + ": the column has " + std::to_string(a.null_count()) + " nulls (first at row " +
                std::to_string(first_null(a)) + "); fill them (null policy fill) or use the validity mask");
}

template <typename T>
void fill_copy(const Array& a, double fill, std::vector<uint8_t>& out) {
  out.resize(static_cast<size_t>(a.length()) * sizeof(T));
  T* o = reinterpret_cast<T*>(out.data());
  const T* v = a.values<T>();
  const T f = static_cast<T>(fill);
  for (int64_t i = 0; i < a.length(); ++i) o[i] = a.is_null(i) ? f : v[i];
}

}  // namespace

DlpackPtr export_array(const Array& column, NullPolicy policy, double fill) {
  const DLDataType type = dl_type(column);
  auto ctx = std::make_unique<ExportContext>();
  ctx->shape[0] = column.length();
  ctx->viewed = column.data_ptr();
  void* data = values_address(column, type.bits / 8);
  if (column.null_count() > 0) {
    if (policy != NullPolicy::Fill) require_no_nulls(column, "tensor from column");
    switch (type.code * 100 + type.bits) {
      case kDLInt * 100 + 8: fill_copy<int8_t>(column, fill, ctx->owned); break;
      case kDLInt * 100 + 16: fill_copy<int16_t>(column, fill, ctx->owned); break;
      case kDLInt * 100 + 32: fill_copy<int32_t>(column, fill, ctx->owned); break;
      case kDLInt * 100 + 64: fill_copy<int64_t>(column, fill, ctx->owned); break;
      case kDLUInt * 100 + 8: fill_copy<uint8_t>(column, fill, ctx->owned); break;
      case kDLFloat * 100 + 32: fill_copy<float>(column, fill, ctx->owned); break;
      default: fill_copy<double>(column, fill, ctx->owned); break;
    }
    ctx->viewed.reset();
    data = ctx->owned.data();
  }
  if (column.length() == 0) data = nullptr;
  return finish(std::move(ctx), data, type, 1);
}

DlpackPtr export_windows(const Array& column, int64_t window, int64_t step) {
  if (window < 1) throw_invalid("windows: window must be >= 1 (got " + std::to_string(window) + ")");
  if (step < 1) throw_invalid("windows: step must be >= 1 (got " + std::to_string(step) + ")");
  const DLDataType type = dl_type(column);
  require_no_nulls(column, "windows");
  const int64_t n = column.length();
  auto ctx = std::make_unique<ExportContext>();
  ctx->shape[0] = n >= window ? (n - window) / step + 1 : 0;
  ctx->shape[1] = window;
  ctx->strides[0] = step;
  ctx->strides[1] = 1;
  ctx->viewed = column.data_ptr();
  void* data = ctx->shape[0] > 0 ? values_address(column, type.bits / 8) : nullptr;
  return finish(std::move(ctx), data, type, 2);
}

DlpackPtr export_validity(const Array& column) {
  auto ctx = std::make_unique<ExportContext>();
  ctx->shape[0] = column.length();
  ctx->owned.resize(static_cast<size_t>(column.length()));
  for (int64_t i = 0; i < column.length(); ++i) ctx->owned[static_cast<size_t>(i)] = column.is_valid(i) ? 1 : 0;
  void* data = column.length() > 0 ? ctx->owned.data() : nullptr;
  return finish(std::move(ctx), data, DLDataType{kDLUInt, 8, 1}, 1);
}

}  // namespace deeprc::learning
