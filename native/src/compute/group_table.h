// Hash tables that map a row's key to a dense group id (0, 1, 2, ... in order of first
// insertion) and remember each group's first row. Open addressing, linear probing, load <= 1/2.
//
//  - FixedKeyGroups: one fixed-width key column; the slot holds the normalised key bits, so a
//    probe touches one cache line and never the input columns (the fast path).
//  - RowKeyGroups: any key columns; the slot holds the row hash and equality goes through
//    RowEquality (compute/row_keys.h) against the group's first row.
// Null keys: FixedKeyGroups keeps one dedicated null group; RowKeyGroups gets it for free from
// RowEquality (a null equals a null, per column).
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>

#include "compute/row_keys.h"

namespace deeprc::compute {

inline constexpr uint32_t kNoGroup = UINT32_MAX;

class FixedKeyGroups {
 public:
  FixedKeyGroups() { rehash(1024); }
  uint32_t size() const noexcept { return static_cast<uint32_t>(first_row_.size()); }
  const std::vector<int64_t>& first_rows() const noexcept { return first_row_; }
  void prefetch(uint64_t hash) const noexcept { __builtin_prefetch(&slots_[hash & mask_]); }

  uint32_t find_or_insert(uint64_t key, uint64_t hash, int64_t row) {
    for (uint64_t i = hash & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.gid == kNoGroup) return insert(s, key, row);
      if (s.key == key) return s.gid;
    }
  }
  uint32_t null_group(int64_t row) {
    if (null_gid_ == kNoGroup) {
      null_gid_ = size();
      first_row_.push_back(row);
    }
    return null_gid_;
  }

 private:
  struct Slot {
    uint64_t key;
    uint32_t gid;
  };
  uint32_t insert(Slot& s, uint64_t key, int64_t row) {
    const uint32_t gid = size();
    s.key = key;
    s.gid = gid;
    first_row_.push_back(row);
    if (++used_ * 2 > slots_.size()) grow();
    return gid;
  }
  void rehash(size_t capacity);
  void grow();

  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  size_t used_ = 0;
  uint32_t null_gid_ = kNoGroup;
  std::vector<int64_t> first_row_;
};

// The hash of normalised key bits (also picks the partition: see groupby.cpp).
inline uint64_t fixed_key_hash(uint64_t key) { return mix64(key ^ 0x5bd1e9955bd1e995ULL); }

class RowKeyGroups {
 public:
  RowKeyGroups(const KeyColumns& keys, const uint64_t* hashes) : eq_(keys, keys), hashes_(hashes) { rehash(1024); }
  uint32_t size() const noexcept { return static_cast<uint32_t>(first_row_.size()); }
  const std::vector<int64_t>& first_rows() const noexcept { return first_row_; }
  void prefetch(uint64_t hash) const noexcept { __builtin_prefetch(&slots_[hash & mask_]); }

  uint32_t find_or_insert(int64_t row) {
    const uint64_t h = hashes_[row];
    for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.gid == kNoGroup) {
        const uint32_t gid = size();
        s = {h, gid};
        first_row_.push_back(row);
        if (++used_ * 2 > slots_.size()) rehash(slots_.size() * 2);
        return gid;
      }
      if (s.hash == h && eq_(row, first_row_[s.gid])) return s.gid;
    }
  }

 private:
  struct Slot {
    uint64_t hash;
    uint32_t gid;
  };
  void rehash(size_t capacity);

  RowEquality eq_;
  const uint64_t* hashes_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  size_t used_ = 0;
  std::vector<int64_t> first_row_;
};

}  // namespace deeprc::compute
