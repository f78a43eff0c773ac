#include "capi/capi_util.h"

using namespace deeprc;
using namespace deeprc::capi;

extern "C" {

DRC_API void drc_array_free(drc_array* array) { std::unique_ptr<drc_array> owned(array); }

DRC_API drc_status* drc_array_info_get(const drc_array* array, drc_array_info* out) {
  DRC_TRY({
    require_arg(array, "array");
    require_arg(out, "out");
    const ArrayData& d = array->array.data();
    drc_array_info info{};
    info.type = from_type(d.type);
    info.length = d.length;
    info.null_count = d.null_count;
    info.offset = d.offset;
    info.validity = d.validity ? d.validity->data() : nullptr;
    info.values = d.values ? d.values->data() : nullptr;
    info.values_size = d.values ? d.values->size() : 0;
    info.data = d.data ? d.data->data() : nullptr;
    info.data_size = d.data ? d.data->size() : 0;
    *out = info;
  });
}

DRC_API drc_status* drc_array_create(const drc_data_type* type, int64_t length, const uint8_t* validity,
                                     const void* values, const uint8_t* data, int64_t data_size, drc_array** out) {
  DRC_TRY({
    require_arg(type, "type");
    require_arg(out, "out");
    if (length < 0) throw_invalid("length must be >= 0");
    ArrayData d;
    d.type = to_type(*type);
    d.length = length;
    d.null_count = -1;  // computed from the bitmap
    int64_t values_bytes;
    if (d.type.id == TypeId::Bool) values_bytes = bits::bytes_for(length);
    else if (is_string(d.type.id)) values_bytes = (length + 1) * (d.type.id == TypeId::LargeUtf8 ? 8 : 4);
    else values_bytes = length * byte_width(d.type.id);
    if (values_bytes > 0) require_arg(values, "values");
    d.values = Buffer::copy_of(values, values_bytes);
    if (validity != nullptr) d.validity = Buffer::copy_of(validity, bits::bytes_for(length));
    if (is_string(d.type.id)) {
      if (data_size < 0) throw_invalid("data_size must be >= 0");
      if (data_size > 0) require_arg(data, "data");
      d.data = Buffer::copy_of(data, data_size);
    }
    *out = make_handle<drc_array>(Array::make(std::move(d)));
  });
}

DRC_API drc_status* drc_array_slice(const drc_array* array, int64_t offset, int64_t length, drc_array** out) {
  DRC_TRY({
    require_arg(array, "array");
    require_arg(out, "out");
    *out = make_handle<drc_array>(array->array.slice(offset, length));
  });
}

DRC_API drc_status* drc_array_equals(const drc_array* a, const drc_array* b, int32_t* out) {
  DRC_TRY({
    require_arg(a, "a");
    require_arg(b, "b");
    require_arg(out, "out");
    *out = a->array.equals(b->array) ? 1 : 0;
  });
}

DRC_API drc_status* drc_array_format_value(const drc_array* array, int64_t index, char** out) {
  DRC_TRY({
    require_arg(array, "array");
    require_arg(out, "out");
    if (index < 0 || index >= array->array.length())
      throw_invalid("index " + std::to_string(index) + " out of range for length " +
                    std::to_string(array->array.length()));
    *out = dup_string(array->array.format_value(index));
  });
}

}  // extern "C"
