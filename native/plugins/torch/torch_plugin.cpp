// libdeeprc_torch.so: DLPack <-> libtorch (deeprc_torch_plugin.h). No exception leaves this file.
#include <ATen/ATen.h>
#include <ATen/DLConvertor.h>
#include <torch/version.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>

#include "deeprc/deeprc.h"
#include "deeprc/deeprc_torch_plugin.h"

namespace {

int32_t fail(drc_plugin_error* err, int32_t code, const char* what, const char* detail) {
  if (err != nullptr) {
    err->code = code;
    std::snprintf(err->message, sizeof(err->message), "libtorch %s: %s", what, detail);
  }
  return code;
}

template <typename F>
int32_t guarded(drc_plugin_error* err, const char* what, F&& f) {
  try {
    f();
    return 0;
  } catch (const std::bad_alloc&) {
    return fail(err, DRC_STATUS_OUT_OF_MEMORY, what, "out of memory");
  } catch (const c10::Error& e) {
    return fail(err, DRC_STATUS_INVALID, what, e.what_without_backtrace());
  } catch (const std::exception& e) {
    return fail(err, DRC_STATUS_INTERNAL, what, e.what());
  }
}

at::Tensor& tensor(void* t) { return *static_cast<at::Tensor*>(t); }
void* handle(at::Tensor t) { return std::make_unique<at::Tensor>(std::move(t)).release(); }

int32_t type_id(at::ScalarType s) {
  switch (s) {
    case at::kBool: return DRC_TYPE_BOOL;
    case at::kChar: return DRC_TYPE_INT8;
    case at::kShort: return DRC_TYPE_INT16;
    case at::kInt: return DRC_TYPE_INT32;
    case at::kLong: return DRC_TYPE_INT64;
    case at::kByte: return DRC_TYPE_UINT8;
    case at::kFloat: return DRC_TYPE_FLOAT32;
    case at::kDouble: return DRC_TYPE_FLOAT64;
    default: return -1;
  }
}

const char* libtorch_version() { return TORCH_VERSION; }

int32_t from_dlpack(DLManagedTensor* t, void** out, drc_plugin_error* err) {
  return guarded(err, "fromDLPack", [&] { *out = handle(at::fromDLPack(t)); });
}

void tensor_free(void* t) { std::unique_ptr<at::Tensor> owned(static_cast<at::Tensor*>(t)); }

int32_t tensor_info(void* t, drc_torch_tensor_info* out, drc_plugin_error* err) {
  return guarded(err, "tensor info", [&] {
    const at::Tensor& x = tensor(t);
    if (x.dim() > DRC_TORCH_MAX_DIMS) throw std::runtime_error("more than 8 dimensions");
    std::memset(out, 0, sizeof(*out));
    out->ndim = static_cast<int32_t>(x.dim());
    out->dtype = type_id(x.scalar_type());
    for (int64_t d = 0; d < x.dim(); ++d) {
      out->shape[d] = x.size(d);
      out->strides[d] = x.stride(d);
    }
    out->data = x.data_ptr();
    out->device_type = x.is_cuda() ? kDLCUDA : kDLCPU;
    out->device_id = x.is_cuda() ? x.get_device() : 0;
  });
}

int32_t tensor_sum(void* t, double* out, drc_plugin_error* err) {
  return guarded(err, "sum", [&] { *out = tensor(t).sum(at::kDouble).item<double>(); });
}

int32_t tensor_index_rows(void* t, const int64_t* indices, int64_t n, void** out, drc_plugin_error* err) {
  return guarded(err, "index_select", [&] {
    const at::Tensor idx = at::from_blob(const_cast<int64_t*>(indices), {n}, at::kLong);
    *out = handle(tensor(t).index_select(0, idx));
  });
}

const drc_torch_vtable kVtable = {
    DRC_TORCH_PLUGIN_ABI_VERSION, sizeof(drc_torch_vtable), libtorch_version, from_dlpack, tensor_free,
    tensor_info, tensor_sum, tensor_index_rows,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const drc_torch_vtable* drc_torch_plugin() { return &kVtable; }
