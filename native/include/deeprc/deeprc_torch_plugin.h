/* DeepRC libtorch bridge plugin ABI.
 *
 * libdeeprc.so (the core) has no libtorch dependency. libdeeprc_torch.so, built only where
 * libtorch is found (Debian's libtorch-dev 1.13.1, or a PyTorch install on a GPU machine), is
 * loaded with dlopen on first use of a tensor function. The core hands it tensors as DLPack
 * DLManagedTensor (dlpack.h v0.6, the version libtorch 1.13 speaks) and gets back opaque libtorch
 * tensor handles. Plugins never throw across this boundary: every fallible call returns 0 or a
 * drc_status_code value and fills `err`.
 */
#ifndef DEEPRC_TORCH_PLUGIN_H
#define DEEPRC_TORCH_PLUGIN_H

#include <stdint.h>

#include "deeprc/deeprc_comm_plugin.h" /* drc_plugin_error */

#ifdef __cplusplus
extern "C" {
#endif

#define DRC_TORCH_PLUGIN_ABI_VERSION 1
#define DRC_TORCH_MAX_DIMS 8

struct DLManagedTensor;

typedef struct drc_torch_tensor_info {
  int32_t ndim;
  int32_t dtype;         /* drc_type_id of the elements (uint8 for masks) */
  int64_t shape[DRC_TORCH_MAX_DIMS];
  int64_t strides[DRC_TORCH_MAX_DIMS]; /* in elements */
  void* data;            /* address of element [0, 0, ...] */
  int32_t device_type;   /* DLPack DLDeviceType: 1 = CPU, 2 = CUDA */
  int32_t device_id;
} drc_torch_tensor_info;

typedef struct drc_torch_vtable {
  uint32_t abi_version; /* DRC_TORCH_PLUGIN_ABI_VERSION */
  uint32_t struct_size; /* sizeof(drc_torch_vtable) */
  const char* (*libtorch_version)(void);
  /* Wraps `t` as a libtorch tensor without copying. On success libtorch owns `t` and calls its
     deleter when the last tensor viewing it dies; on failure `t` is untouched (the caller still
     owns it and must call its deleter). */
  int32_t (*from_dlpack)(struct DLManagedTensor* t, void** out, drc_plugin_error* err);
  void (*tensor_free)(void* tensor);
  int32_t (*tensor_info)(void* tensor, drc_torch_tensor_info* out, drc_plugin_error* err);
  /* Sum of all elements as float64, computed by libtorch (tensor.sum(kDouble)). */
  int32_t (*tensor_sum)(void* tensor, double* out, drc_plugin_error* err);
  /* rows = tensor.index_select(0, indices) (a copy): a batch of windows gathered by index. */
  int32_t (*tensor_index_rows)(void* tensor, const int64_t* indices, int64_t n, void** out, drc_plugin_error* err);
} drc_torch_vtable;

/* The plugin's single export, named DRC_TORCH_PLUGIN_ENTRY. */
typedef const drc_torch_vtable* (*drc_torch_plugin_fn)(void);
#define DRC_TORCH_PLUGIN_ENTRY "drc_torch_plugin"

#ifdef __cplusplus
}
#endif

#endif /* DEEPRC_TORCH_PLUGIN_H */
