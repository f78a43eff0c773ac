#include "compute/group_table.h"

namespace deeprc::compute {

void FixedKeyGroups::rehash(size_t capacity) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot{0, kNoGroup});
  mask_ = capacity - 1;
  for (const Slot& s : old) {
    if (s.gid == kNoGroup) continue;
    for (uint64_t i = fixed_key_hash(s.key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].gid == kNoGroup) {
        slots_[i] = s;
        break;
      }
    }
  }
}

void FixedKeyGroups::grow() { rehash(slots_.size() * 2); }

void RowKeyGroups::rehash(size_t capacity) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot{0, kNoGroup});
  mask_ = capacity - 1;
  for (const Slot& s : old) {
    if (s.gid == kNoGroup) continue;
    for (uint64_t i = s.hash & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].gid == kNoGroup) {
        slots_[i] = s;
        break;
      }
    }
  }
}

}  // namespace deeprc::compute
