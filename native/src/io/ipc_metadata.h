// Conversion between DeepRC schemas and the Arrow IPC flatbuffers Schema table.
#pragma once
#include <string>

#include <flatbuffers/flatbuffers.h>

#include "Schema_generated.h"
#include "arrow/type.h"

namespace deeprc::io::ipc {

namespace fb = org::apache::arrow::flatbuf;

// Serialises `schema` into `builder` and returns the offset of the Schema table.
flatbuffers::Offset<fb::Schema> build_schema(flatbuffers::FlatBufferBuilder& builder, const Schema& schema);

// Converts a verified flatbuffers Schema. `source` (the file name) prefixes every error.
// Throws Unsupported naming the type and column for types DeepRC does not implement, and for
// dictionary-encoded or big-endian data; Parse for malformed metadata.
Schema parse_schema(const fb::Schema* schema, const std::string& source);

}  // namespace deeprc::io::ipc
