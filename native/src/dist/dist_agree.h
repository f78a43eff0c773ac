// Agreeing on failures: a step that may throw on some ranks only (a parse error, a full disk, an
// integer overflow in a partial sum) is run on every rank and the outcome is agreed, so that
// either every rank continues or every rank throws the same error (that of the lowest failing
// rank, its code kept, the message naming the rank). Used by the distributed aggregates and I/O.
#pragma once
#include <optional>
#include <string>
#include <utility>

#include "comm/communicator.h"
#include "core/error.h"

namespace deeprc::dist {

// Collective. `failure` is this rank's error, if any. Throws on every rank when any rank failed;
// `name_rank` prefixes the message with "rank r: " (off when the message already names a place
// that is the same for every rank, like a file and line).
void agree_on_failure(comm::Communicator& comm, const std::optional<Error>& failure, bool name_rank = true);

// Runs `step` (which returns a value) and agrees on its outcome.
template <typename F>
auto agreed(comm::Communicator& comm, F&& step, bool name_rank = true) {
  std::optional<Error> failure;
  using R = decltype(step());
  std::optional<R> result;
  try {
    result.emplace(step());
  } catch (const Error& e) {
    failure.emplace(e);
  } catch (const std::bad_alloc&) {
    failure.emplace(ErrorCode::OutOfMemory, "out of memory");
  }
  agree_on_failure(comm, failure, name_rank);
  return std::move(*result);
}

}  // namespace deeprc::dist
