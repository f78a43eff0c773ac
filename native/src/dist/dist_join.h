// Distributed relational join: both sides are co-partitioned by a hash of their key columns
// (dist::shuffle / exchange_by_destination), then every rank joins its partitions locally with
// compute::join. Every join type, multi-key, allow_cast and suffixes behave as in compute/join.h.
#pragma once
#include "arrow/table.h"
#include "comm/communicator.h"
#include "compute/join_options.h"

namespace deeprc::dist {

// Collective. Over all ranks, the union of the results equals (as a multiset of rows) the local
// join of the rank-ordered concatenations of the inputs. Keys are hashed on the type both sides
// are compared as (with allow_cast, int32 5 and int64 5 hash alike; utf8 and large_utf8 keys hash
// their bytes), so matching rows always meet on one rank. Null keys never match; rows with a null
// key that an outer or anti join keeps appear exactly once. Errors: a schema that differs between
// ranks is Invalid naming the side, rank and column, on every rank; key errors as compute::join.
Table join(comm::Communicator& comm, const Table& left, const Table& right, const compute::JoinOptions& options);

}  // namespace deeprc::dist
