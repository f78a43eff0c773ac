#include "compute/join_output.h"

#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "arrow/selection.h"
#include "core/error.h"
#include "core/thread_pool.h"

namespace deeprc::compute {

std::vector<OutputColumn> plan_output(const Table& left, const Table& right, const JoinOptions& o) {
  const JoinType t = o.type;
  std::vector<OutputColumn> out;
  const bool left_nullable = t == JoinType::Right || t == JoinType::Full;
  const bool right_nullable = t == JoinType::Left || t == JoinType::Full;
  if (t == JoinType::Semi || t == JoinType::Anti) {
    for (int i = 0; i < left.num_columns(); ++i) out.push_back({OutputColumn::Source::Left, i, left.schema().field(i)});
    return out;
  }
  // Keys shared by name: left column name -> key pair index.
  std::unordered_map<std::string, int> shared;
  std::unordered_set<std::string> merged_right;
  for (size_t k = 0; k < o.left_on.size(); ++k)
    if (o.left_on[k] == o.right_on[k] && !shared.contains(o.left_on[k])) {
      shared.emplace(o.left_on[k], static_cast<int>(k));
      merged_right.insert(o.right_on[k]);
    }
  std::unordered_set<std::string> left_names, right_names;
  for (const auto& f : left.schema().fields()) left_names.insert(f.name);
  for (const auto& f : right.schema().fields())
    if (!merged_right.contains(f.name)) right_names.insert(f.name);

  for (int i = 0; i < left.num_columns(); ++i) {
    Field f = left.schema().field(i);
    if (auto it = shared.find(f.name); it != shared.end()) {
      if (t == JoinType::Right) {
        const int r = right.schema().require_index(f.name);
        out.push_back({OutputColumn::Source::Right, r, right.schema().field(r)});
      } else if (t == JoinType::Full) {
        f.nullable = true;
        out.push_back({OutputColumn::Source::Coalesce, it->second, f});  // type fixed up by the caller
      } else {
        out.push_back({OutputColumn::Source::Left, i, f});
      }
      continue;
    }
    if (right_names.contains(f.name)) f.name += o.left_suffix;
    f.nullable = f.nullable || left_nullable;
    out.push_back({OutputColumn::Source::Left, i, f});
  }
  for (int j = 0; j < right.num_columns(); ++j) {
    Field f = right.schema().field(j);
    if (merged_right.contains(f.name)) continue;
    if (left_names.contains(f.name)) f.name += o.right_suffix;
    f.nullable = f.nullable || right_nullable;
    out.push_back({OutputColumn::Source::Right, j, f});
  }
  std::unordered_set<std::string> seen;
  for (const auto& c : out)
    if (!seen.insert(c.field.name).second)
      throw_invalid("join: output column name '" + c.field.name + "' occurs twice: the suffixes ('" + o.left_suffix +
                    "', '" + o.right_suffix + "') do not make the names of both inputs unique; choose other suffixes");
  return out;
}

namespace {

template <typename T>
void gather_fixed(const Array& src, const JoinIndices& idx, bool right_side, const std::vector<int64_t>& offs, T* dst,
                  int threads) {
  const T* s = src.values<T>();
  parallel_for(static_cast<int64_t>(idx.chunks.size()), threads, [&](int64_t c) {
    const auto& ch = idx.chunks[static_cast<size_t>(c)];
    const auto& ix = right_side ? ch.right : ch.left;
    T* o = dst + offs[static_cast<size_t>(c)];
    const size_t n = ix.size();
    constexpr size_t kAhead = 16;  // prefetch distance: random sources (the build side) miss cache
    size_t i = 0;
    for (; i + kAhead < n; ++i) {
      if (const int64_t ahead = ix[i + kAhead]; ahead >= 0) __builtin_prefetch(s + ahead);
      const int64_t r = ix[i];
      o[i] = r >= 0 ? s[r] : T{};
    }
    for (; i < n; ++i) {
      const int64_t r = ix[i];
      o[i] = r >= 0 ? s[r] : T{};
    }
  });
}

// Validity of a gathered column, or null when no output row is null.
BufferPtr gather_validity(const Array& src, const JoinIndices& idx, bool right_side, int64_t n, int64_t* nulls) {
  *nulls = 0;
  bool maybe_null = src.null_count() > 0;
  for (const auto& ch : idx.chunks) {
    if (maybe_null) break;
    for (int64_t r : right_side ? ch.right : ch.left)
      if (r < 0) {
        maybe_null = true;
        break;
      }
  }
  if (!maybe_null) return nullptr;
  auto bm = Buffer::allocate(bits::bytes_for(n), true);
  uint8_t* out = bm->mutable_data();
  int64_t row = 0;
  for (const auto& ch : idx.chunks)
    for (int64_t r : right_side ? ch.right : ch.left) {
      if (r >= 0 && src.is_valid(r)) bits::set(out, row);
      else ++*nulls;
      ++row;
    }
  return bm;
}

}  // namespace

Array gather_rows(const Array& src, const JoinIndices& idx, bool right_side, int threads) {
  const auto offs = idx.offsets();
  const int64_t n = offs.back();
  const TypeId id = src.type_id();
  if (!is_fixed_width(id)) {
    // Strings and bools: take per chunk in parallel, then concatenate.
    std::vector<Array> parts(idx.chunks.size());
    parallel_for(static_cast<int64_t>(parts.size()), threads, [&](int64_t c) {
      const auto& ch = idx.chunks[static_cast<size_t>(c)];
      const auto& ix = right_side ? ch.right : ch.left;
      parts[static_cast<size_t>(c)] = take(src, ix.data(), static_cast<int64_t>(ix.size()));
    });
    if (parts.empty()) return take(src, nullptr, 0);
    return concat(parts);
  }
  const int w = byte_width(id);
  auto values = Buffer::allocate(n * w);
  switch (w) {
    case 1: gather_fixed<uint8_t>(src, idx, right_side, offs, values->mutable_as<uint8_t>(), threads); break;
    case 2: gather_fixed<uint16_t>(src, idx, right_side, offs, values->mutable_as<uint16_t>(), threads); break;
    case 4: gather_fixed<uint32_t>(src, idx, right_side, offs, values->mutable_as<uint32_t>(), threads); break;
    case 8: gather_fixed<uint64_t>(src, idx, right_side, offs, values->mutable_as<uint64_t>(), threads); break;
    default: throw_internal("join gather: unexpected width");
  }
  ArrayData d;
  d.type = src.type();
  d.length = n;
  d.values = std::move(values);
  d.validity = gather_validity(src, idx, right_side, n, &d.null_count);
  return Array(std::make_shared<const ArrayData>(std::move(d)));
}

Array gather_coalesce(const Array& left, const Array& right, const JoinIndices& idx, int threads) {
  // Rows of right are addressed after those of left in one concatenated source.
  const Array both = concat({left, right});
  JoinIndices combined;
  combined.chunks.resize(idx.chunks.size());
  for (size_t c = 0; c < idx.chunks.size(); ++c) {
    const auto& ch = idx.chunks[c];
    auto& out = combined.chunks[c].left;
    out.resize(ch.left.size());
    for (size_t i = 0; i < ch.left.size(); ++i)
      out[i] = ch.left[i] >= 0 ? ch.left[i] : (ch.right[i] >= 0 ? left.length() + ch.right[i] : -1);
  }
  return gather_rows(both, combined, false, threads);
}

}  // namespace deeprc::compute
