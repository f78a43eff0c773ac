#include "compute/expr_eval.h"

#include <atomic>
#include <climits>
#include <exception>
#include <mutex>

#include "arrow/builder.h"
#include "arrow/selection.h"
#include "compute/cast.h"
#include "compute/expr_kernels.h"
#include "core/error.h"
#include "core/thread_pool.h"

namespace deeprc::compute {
namespace {

using kernels::zip;

struct Ctx {
  const Table& table;
  int64_t begin;
  int64_t len;
};

const uint8_t* one_bytes() {
  static const auto* kOnes = [] {
    static uint8_t ones[kExprChunk];
    for (auto& b : ones) b = 1;
    return ones;
  }();
  return kOnes;
}

bool scalar_null(const Vec& v) { return v.scalar && !v.valid_at(0); }
int64_t rows(const Vec& v, int64_t len) { return v.scalar ? 1 : len; }

// Validity of a result that is null wherever either operand is.
void both_valid(const Vec& a, const Vec& b, Vec& out, int64_t len) {
  out.scalar = a.scalar && b.scalar;
  if (scalar_null(a) || scalar_null(b)) {
    out.valid = zero_bytes();
    return;
  }
  const bool av = a.valid != nullptr && !a.scalar, bv = b.valid != nullptr && !b.scalar;
  if (!av && !bv) return;
  if (!bv) {
    out.valid = a.valid;
    out.keep_valid = a.keep_valid;
    return;
  }
  if (!av) {
    out.valid = b.valid;
    out.keep_valid = b.keep_valid;
    return;
  }
  uint8_t* v = alloc_values<uint8_t>(out.keep_valid, len);
  for (int64_t i = 0; i < len; ++i) v[i] = a.valid[i] & b.valid[i];
  out.valid = v;
}

[[noreturn]] void row_error(const Bound& b, const Ctx& c, int64_t i, bool scalar, const std::string& what) {
  throw_invalid(what + " in '" + b.text + "'" + (scalar ? std::string() : " at row " + std::to_string(c.begin + i)));
}

template <typename T>
const T* put(Vec& v, T x) {
  T* p = alloc_values<T>(v.keep_data, 1);
  *p = x;
  return p;
}

Vec literal(const Bound& b) {
  Vec v;
  v.phys = b.phys;
  v.scalar = true;
  if (b.lit_null) v.valid = zero_bytes();
  switch (b.phys) {
    case Phys::Bool: v.data = put(v, static_cast<uint8_t>(b.lit_i != 0)); break;
    case Phys::I64: v.data = put(v, b.lit_i); break;
    case Phys::U64: v.data = put(v, b.lit_u); break;
    case Phys::F64: v.data = put(v, b.lit_f); break;
    case Phys::Str: v.data = put(v, std::string_view(b.lit_s)); break;
  }
  return v;
}

std::string op_name(BoundOp op) {
  switch (op) {
    case BoundOp::Add: return "+";
    case BoundOp::Sub: return "-";
    case BoundOp::Mul: return "*";
    default: return "%";
  }
}

// Checked integer arithmetic. The loop only ORs overflow flags (cheap, vectorisable); the row is
// looked up again when something overflowed, skipping null rows whose values are arbitrary.
template <typename T>
Vec int_arith(const Bound& b, const Vec& l, const Vec& r, const Ctx& c) {
  Vec out;
  out.phys = b.phys;
  both_valid(l, r, out, c.len);
  const int64_t n = rows(out, c.len);
  T* o = alloc_values<T>(out.keep_data, n);
  out.data = o;
  uint8_t bad = 0;
  auto step = [&](T x, T y, T* res) -> bool {
    switch (b.op) {
      case BoundOp::Add: return __builtin_add_overflow(x, y, res);
      case BoundOp::Sub: return __builtin_sub_overflow(x, y, res);
      case BoundOp::Mul: return __builtin_mul_overflow(x, y, res);
      default:
        if (y == 0) {
          *res = 0;
          return true;
        }
        if constexpr (std::is_signed_v<T>) *res = y == -1 ? 0 : x % y;  // INT64_MIN % -1 is 0, not a trap
        else *res = x % y;
        return false;
    }
  };
  switch (b.op) {
    case BoundOp::Add: zip<T, T>(l, r, o, n, [&](T x, T y) { T z; bad |= __builtin_add_overflow(x, y, &z); return z; }); break;
    case BoundOp::Sub: zip<T, T>(l, r, o, n, [&](T x, T y) { T z; bad |= __builtin_sub_overflow(x, y, &z); return z; }); break;
    case BoundOp::Mul: zip<T, T>(l, r, o, n, [&](T x, T y) { T z; bad |= __builtin_mul_overflow(x, y, &z); return z; }); break;
    default: zip<T, T>(l, r, o, n, [&](T x, T y) { T z; bad |= step(x, y, &z); return z; }); break;
  }
  if (bad && !scalar_null(out)) {
    for (int64_t i = 0; i < n; ++i) {
      if (!out.valid_at(i)) continue;
      const T x = l.as<T>()[l.scalar ? 0 : i], y = r.as<T>()[r.scalar ? 0 : i];
      T z;
      if (!step(x, y, &z)) continue;
      if (b.op == BoundOp::Mod) row_error(b, c, i, out.scalar, "integer modulo by zero");
      row_error(b, c, i, out.scalar,
                "integer overflow (" + std::to_string(x) + " " + op_name(b.op) + " " + std::to_string(y) + " does not fit " +
                    b.type.to_string() + ")");
    }
  }
  return out;
}

Vec float_arith(const Bound& b, const Vec& l, const Vec& r, const Ctx& c) {
  Vec out;
  out.phys = Phys::F64;
  both_valid(l, r, out, c.len);
  const int64_t n = rows(out, c.len);
  double* o = alloc_values<double>(out.keep_data, n);
  out.data = o;
  switch (b.op) {
    case BoundOp::Add: zip<double, double>(l, r, o, n, [](double x, double y) { return x + y; }); break;
    case BoundOp::Sub: zip<double, double>(l, r, o, n, [](double x, double y) { return x - y; }); break;
    case BoundOp::Mul: zip<double, double>(l, r, o, n, [](double x, double y) { return x * y; }); break;
    case BoundOp::Div: zip<double, double>(l, r, o, n, [](double x, double y) { return x / y; }); break;
    default: zip<double, double>(l, r, o, n, [](double x, double y) { return std::fmod(x, y); }); break;
  }
  return out;
}

template <typename L, typename R>
void compare_loop(BinaryOp op, const Vec& l, const Vec& r, uint8_t* o, int64_t n) {
  using kernels::eq;
  using kernels::lt;
  switch (op) {
    case BinaryOp::Eq: zip<L, R>(l, r, o, n, [](L a, R b) -> uint8_t { return eq(a, b); }); break;
    case BinaryOp::Ne: zip<L, R>(l, r, o, n, [](L a, R b) -> uint8_t { return !eq(a, b); }); break;
    case BinaryOp::Lt: zip<L, R>(l, r, o, n, [](L a, R b) -> uint8_t { return lt(a, b); }); break;
    case BinaryOp::Le: zip<L, R>(l, r, o, n, [](L a, R b) -> uint8_t { return !lt(b, a); }); break;
    case BinaryOp::Gt: zip<L, R>(l, r, o, n, [](L a, R b) -> uint8_t { return lt(b, a); }); break;
    case BinaryOp::Ge: zip<L, R>(l, r, o, n, [](L a, R b) -> uint8_t { return !lt(a, b); }); break;
    default: throw_internal("compare: not a comparison");
  }
}

Vec compare(const Bound& b, const Vec& l, const Vec& r, const Ctx& c) {
  Vec out;
  out.phys = Phys::Bool;
  both_valid(l, r, out, c.len);
  const int64_t n = rows(out, c.len);
  uint8_t* o = alloc_values<uint8_t>(out.keep_data, n);
  out.data = o;
  const Phys a = l.phys, z = r.phys;
  if (a == Phys::I64 && z == Phys::I64) compare_loop<int64_t, int64_t>(b.cmp, l, r, o, n);
  else if (a == Phys::U64 && z == Phys::U64) compare_loop<uint64_t, uint64_t>(b.cmp, l, r, o, n);
  else if (a == Phys::I64 && z == Phys::U64) compare_loop<int64_t, uint64_t>(b.cmp, l, r, o, n);
  else if (a == Phys::U64 && z == Phys::I64) compare_loop<uint64_t, int64_t>(b.cmp, l, r, o, n);
  else if (a == Phys::F64 && z == Phys::F64) compare_loop<double, double>(b.cmp, l, r, o, n);
  else if (a == Phys::Str && z == Phys::Str) compare_loop<std::string_view, std::string_view>(b.cmp, l, r, o, n);
  else if (a == Phys::Bool && z == Phys::Bool) compare_loop<uint8_t, uint8_t>(b.cmp, l, r, o, n);
  else throw_internal("compare: operands of different kinds in '" + b.text + "'");
  return out;
}

// SQL three-valued and/or: false and null = false, true or null = true, otherwise null wins.
Vec logic(bool is_and, const Vec& l, const Vec& r, const Ctx& c) {
  Vec out;
  out.phys = Phys::Bool;
  out.scalar = l.scalar && r.scalar;
  const int64_t n = rows(out, c.len);
  uint8_t* o = alloc_values<uint8_t>(out.keep_data, n);
  out.data = o;
  if (l.valid == nullptr && r.valid == nullptr) {
    if (is_and) zip<uint8_t, uint8_t>(l, r, o, n, [](uint8_t x, uint8_t y) -> uint8_t { return x & y; });
    else zip<uint8_t, uint8_t>(l, r, o, n, [](uint8_t x, uint8_t y) -> uint8_t { return x | y; });
    return out;
  }
  uint8_t* v = alloc_values<uint8_t>(out.keep_valid, n);
  out.valid = v;
  const uint8_t* lv = l.valid ? l.valid : one_bytes();
  const uint8_t* rv = r.valid ? r.valid : one_bytes();
  const uint8_t* lx = l.as<uint8_t>();
  const uint8_t* rx = r.as<uint8_t>();
  const int64_t ls = l.scalar ? 0 : 1, rs = r.scalar ? 0 : 1;
  for (int64_t i = 0; i < n; ++i) {
    const uint8_t a = lx[i * ls], av = lv[i * ls], b = rx[i * rs], bv = rv[i * rs];
    if (is_and) {
      v[i] = (av & bv) | (av & !a) | (bv & !b);
      o[i] = av & a & bv & b;
    } else {
      v[i] = (av & bv) | (av & a) | (bv & b);
      o[i] = (av & a) | (bv & b);
    }
  }
  return out;
}

Vec unary(const Bound& b, const Vec& a, const Ctx& c) {
  Vec out;
  out.phys = b.phys;
  out.scalar = a.scalar;
  out.valid = a.valid;
  out.keep_valid = a.keep_valid;
  const int64_t n = rows(a, c.len);
  switch (b.op) {
    case BoundOp::Not: {
      uint8_t* o = alloc_values<uint8_t>(out.keep_data, n);
      const uint8_t* x = a.as<uint8_t>();
      for (int64_t i = 0; i < n; ++i) o[i] = x[i] ^ 1;
      out.data = o;
      return out;
    }
    case BoundOp::Neg:
      if (b.phys == Phys::F64) {
        double* o = alloc_values<double>(out.keep_data, n);
        const double* x = a.as<double>();
        for (int64_t i = 0; i < n; ++i) o[i] = -x[i];
        out.data = o;
      } else {
        int64_t* o = alloc_values<int64_t>(out.keep_data, n);
        const int64_t* x = a.as<int64_t>();
        uint8_t bad = 0;
        for (int64_t i = 0; i < n; ++i) {
          bad |= x[i] == INT64_MIN;
          o[i] = x[i] == INT64_MIN ? 0 : -x[i];
        }
        out.data = o;
        if (bad)
          for (int64_t i = 0; i < n; ++i)
            if (out.valid_at(i) && x[i] == INT64_MIN)
              row_error(b, c, i, out.scalar, "integer overflow (-(" + std::to_string(x[i]) + ") does not fit int64)");
      }
      return out;
    case BoundOp::ToF64: {
      double* o = alloc_values<double>(out.keep_data, n);
      if (a.phys == Phys::U64) {
        const uint64_t* x = a.as<uint64_t>();
        for (int64_t i = 0; i < n; ++i) o[i] = static_cast<double>(x[i]);
      } else {
        const int64_t* x = a.as<int64_t>();
        for (int64_t i = 0; i < n; ++i) o[i] = static_cast<double>(x[i]);
      }
      out.data = o;
      return out;
    }
    case BoundOp::ToI64: {
      const uint64_t* x = a.as<uint64_t>();
      uint8_t bad = 0;
      for (int64_t i = 0; i < n; ++i) bad |= x[i] > static_cast<uint64_t>(INT64_MAX);
      if (bad)
        for (int64_t i = 0; i < n; ++i)
          if (out.valid_at(i) && x[i] > static_cast<uint64_t>(INT64_MAX))
            row_error(b, c, i, out.scalar, "integer overflow (" + std::to_string(x[i]) + " does not fit int64)");
      out.data = a.data;  // same bits
      out.keep_data = a.keep_data;
      return out;
    }
    case BoundOp::Scale: {
      int64_t* o = alloc_values<int64_t>(out.keep_data, n);
      const int64_t* x = a.as<int64_t>();
      uint8_t bad = 0;
      for (int64_t i = 0; i < n; ++i) bad |= __builtin_mul_overflow(x[i], b.factor, &o[i]);
      out.data = o;
      if (bad)
        for (int64_t i = 0; i < n; ++i) {
          int64_t z;
          if (out.valid_at(i) && __builtin_mul_overflow(x[i], b.factor, &z))
            row_error(b, c, i, out.scalar, "value out of range for " + b.type.to_string());
        }
      return out;
    }
    default: throw_internal("unary: unexpected op");
  }
}

Vec is_null(const Bound& b, const Vec& a, const Ctx& c) {
  Vec out;
  out.phys = Phys::Bool;
  if (a.valid == nullptr || a.scalar) {  // the same answer for every row
    out.scalar = true;
    out.data = put(out, static_cast<uint8_t>(a.valid_at(0) == b.negated));
    return out;
  }
  uint8_t* o = alloc_values<uint8_t>(out.keep_data, c.len);
  const uint8_t flip = b.negated ? 0 : 1;
  for (int64_t i = 0; i < c.len; ++i) o[i] = a.valid[i] ^ flip;
  out.data = o;
  return out;
}

// Shifts "at row R" in a cast error by the chunk's first row.
std::string shift_row(const std::string& msg, int64_t begin) {
  const std::string key = " at row ";
  const size_t p = msg.find(key);
  if (p == std::string::npos) return msg;
  size_t e = p + key.size();
  int64_t row = 0;
  while (e < msg.size() && msg[e] >= '0' && msg[e] <= '9') row = row * 10 + (msg[e++] - '0');
  return msg.substr(0, p + key.size()) + std::to_string(row + begin) + msg.substr(e);
}

Vec cast_vec(const Bound& b, const Vec& a, const Ctx& c) {
  const int64_t n = rows(a, c.len);
  Array in = vec_to_array(a, b.args[0].type, n);
  Array out;
  try {
    out = cast(in, b.type, "'" + b.text + "'");
  } catch (const Error& e) {
    throw Error(e.code(), a.scalar ? e.what() : shift_row(e.what(), c.begin));
  }
  Vec v = load_array(out, 0, n, true);
  v.scalar = a.scalar;
  return v;
}

Vec eval(const Bound& b, const Ctx& c) {
  switch (b.op) {
    case BoundOp::Column: return load_array(c.table.column(b.column), c.begin, c.len, false);
    case BoundOp::Literal: return literal(b);
    case BoundOp::Add:
    case BoundOp::Sub:
    case BoundOp::Mul:
    case BoundOp::Div:
    case BoundOp::Mod: {
      Vec l = eval(b.args[0], c), r = eval(b.args[1], c);
      if (b.phys == Phys::F64) return float_arith(b, l, r, c);
      if (b.phys == Phys::U64) return int_arith<uint64_t>(b, l, r, c);
      return int_arith<int64_t>(b, l, r, c);
    }
    case BoundOp::Cmp: return compare(b, eval(b.args[0], c), eval(b.args[1], c), c);
    case BoundOp::And:
    case BoundOp::Or: return logic(b.op == BoundOp::And, eval(b.args[0], c), eval(b.args[1], c), c);
    case BoundOp::IsNull: return is_null(b, eval(b.args[0], c), c);
    case BoundOp::Cast: return cast_vec(b, eval(b.args[0], c), c);
    case BoundOp::Neg:
    case BoundOp::Not:
    case BoundOp::ToF64:
    case BoundOp::ToI64:
    case BoundOp::Scale: return unary(b, eval(b.args[0], c), c);
  }
  throw_internal("eval: unknown op");
}

}  // namespace

Vec eval_chunk(const Bound& b, const Table& table, int64_t begin, int64_t len) {
  DRC_CHECK(len <= kExprChunk, "chunk too long");
  return eval(b, Ctx{table, begin, len});
}

void for_each_chunk(int64_t rows, int threads, const std::function<void(int64_t, int64_t, int64_t)>& fn) {
  const int64_t chunks = (rows + kExprChunk - 1) / kExprChunk;
  std::atomic<int64_t> first_failed{INT64_MAX};
  std::exception_ptr error;
  std::mutex mu;
  parallel_for(chunks, threads, [&](int64_t k) {
    if (k > first_failed.load(std::memory_order_relaxed)) return;  // a lower chunk already failed
    try {
      const int64_t begin = k * kExprChunk;
      fn(k, begin, std::min(kExprChunk, rows - begin));
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu);
      if (k < first_failed.load()) {
        first_failed.store(k);
        error = std::current_exception();
      }
    }
  });
  if (error) std::rethrow_exception(error);
}

Array evaluate(const Table& table, const Bound& b, int threads) {
  if (b.untyped_null) throw_invalid("the type of '" + b.text + "' is unknown; write cast(null as TYPE)");
  const int64_t n = table.num_rows();
  const int64_t chunks = (n + kExprChunk - 1) / kExprChunk;
  if (chunks == 0) return make_builder(b.type)->finish();
  std::vector<Array> parts(static_cast<size_t>(chunks));
  for_each_chunk(n, threads, [&](int64_t k, int64_t begin, int64_t len) {
    parts[static_cast<size_t>(k)] = vec_to_array(eval_chunk(b, table, begin, len), b.type, len);
  });
  return parts.size() == 1 ? parts[0] : concat(parts);
}

}  // namespace deeprc::compute
