// A brute-force, row-at-a-time reference evaluator for the expression tests, written from the
// documented semantics (deeprc.h "Expressions") independently of the vectorised evaluator: it
// computes integers in __int128 and checks ranges afterwards, reads values through Array's
// accessors and never uses the binder.
#pragma once
#include <cmath>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>

#include "arrow/table.h"
#include "arrow/temporal.h"
#include "compute/expr_ast.h"

namespace expr_ref {

using deeprc::Array;
using deeprc::Table;
using deeprc::TypeId;
using deeprc::compute::BinaryOp;
using deeprc::compute::Expr;
using deeprc::compute::ExprKind;
using deeprc::compute::LiteralKind;
using deeprc::compute::UnaryOp;
__extension__ using i128 = __int128;  // exact integer arithmetic for the reference

// Reference types: Null = a bare null literal whose type comes from the other operand.
enum class T { Null, Bool, Int, UInt, F, Str, Date, Ts };

struct RefError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Val {
  T t = T::Null;
  bool null = true;
  bool b = false;
  i128 i = 0;  // Int, UInt, Date (days), Ts (in `unit_per_s` units)
  int64_t per_s = 1;  // Ts: units per second
  double f = 0;
  std::string s;
};

inline T type_of_column(TypeId id) {
  switch (id) {
    case TypeId::Bool: return T::Bool;
    case TypeId::Int8: case TypeId::Int16: case TypeId::Int32: case TypeId::Int64: return T::Int;
    case TypeId::UInt8: case TypeId::UInt16: case TypeId::UInt32: case TypeId::UInt64: return T::UInt;
    case TypeId::Float32: case TypeId::Float64: return T::F;
    case TypeId::Utf8: case TypeId::LargeUtf8: return T::Str;
    case TypeId::Date32: return T::Date;
    default: return T::Ts;
  }
}

inline Val read(const Array& a, int64_t r) {
  Val v;
  v.t = type_of_column(a.type_id());
  if (a.is_null(r)) return v;
  v.null = false;
  switch (a.type_id()) {
    case TypeId::Bool: v.b = a.bool_value(r); break;
    case TypeId::Int8: v.i = a.values<int8_t>()[r]; break;
    case TypeId::Int16: v.i = a.values<int16_t>()[r]; break;
    case TypeId::Int32: v.i = a.values<int32_t>()[r]; break;
    case TypeId::Int64: v.i = a.values<int64_t>()[r]; break;
    case TypeId::UInt8: v.i = a.values<uint8_t>()[r]; break;
    case TypeId::UInt16: v.i = a.values<uint16_t>()[r]; break;
    case TypeId::UInt32: v.i = a.values<uint32_t>()[r]; break;
    case TypeId::UInt64: v.i = a.values<uint64_t>()[r]; break;
    case TypeId::Float32: v.f = a.values<float>()[r]; break;
    case TypeId::Float64: v.f = a.values<double>()[r]; break;
    case TypeId::Utf8: case TypeId::LargeUtf8: v.s = std::string(a.string_value(r)); break;
    case TypeId::Date32: v.i = a.values<int32_t>()[r]; break;
    case TypeId::Timestamp:
      v.i = a.values<int64_t>()[r];
      v.per_s = deeprc::units_per_second(a.type().unit);
      break;
    default: break;
  }
  return v;
}

inline bool fits_i64(i128 x) { return x >= INT64_MIN && x <= INT64_MAX; }
inline bool fits_u64(i128 x) { return x >= 0 && x <= static_cast<i128>(UINT64_MAX); }
inline bool numeric(T t) { return t == T::Int || t == T::UInt || t == T::F; }

// Total order on doubles: NaN equal to NaN and above everything; -0 == 0.
inline int fcmp(double a, double b) {
  const bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  return a < b ? -1 : a > b ? 1 : 0;
}

class Reference {
 public:
  explicit Reference(const Table& t) : t_(t) {}

  // The static type of an expression (T::Null only for a bare null).
  T type(const Expr& e) const {
    switch (e.kind) {
      case ExprKind::Column: return type_of_column(t_.column(e.name).type_id());
      case ExprKind::Literal:
        switch (e.literal.kind) {
          case LiteralKind::Null: return T::Null;
          case LiteralKind::Bool: return T::Bool;
          case LiteralKind::Int: return T::Int;
          case LiteralKind::UInt: return T::UInt;
          case LiteralKind::Float: return T::F;
          case LiteralKind::String: return T::Str;
          case LiteralKind::Date: return T::Date;
          case LiteralKind::Timestamp: return T::Ts;
        }
        return T::Null;
      case ExprKind::Unary:
        if (e.unary == UnaryOp::Not) return T::Bool;
        return type(*e.args[0]) == T::F ? T::F : T::Int;
      case ExprKind::Binary: {
        if (e.binary >= BinaryOp::Eq) return T::Bool;
        T a = type(*e.args[0]), b = type(*e.args[1]);
        if (a == T::Null) a = b == T::Null ? T::Int : b;
        if (b == T::Null) b = a;
        if (e.binary == BinaryOp::Div || a == T::F || b == T::F) return T::F;
        return a == T::UInt && b == T::UInt ? T::UInt : T::Int;
      }
      case ExprKind::IsNull:
      case ExprKind::In: return T::Bool;
      case ExprKind::Cast: return type_of_column(e.cast_to.id);
    }
    return T::Null;
  }

  Val eval(const Expr& e, int64_t r) const {
    switch (e.kind) {
      case ExprKind::Column: return read(t_.column(e.name), r);
      case ExprKind::Literal: return literal(e);
      case ExprKind::Unary: {
        Val a = eval(*e.args[0], r);
        Val out;
        out.t = type(e);
        if (a.null) return out;
        out.null = false;
        if (e.unary == UnaryOp::Not) {
          out.b = !a.b;
        } else if (out.t == T::F) {
          out.f = -a.f;
        } else {
          if (!fits_i64(a.i)) throw RefError("overflow");
          out.i = -a.i;
          if (!fits_i64(out.i)) throw RefError("overflow");
        }
        return out;
      }
      case ExprKind::Binary: return binary(e, eval(*e.args[0], r), eval(*e.args[1], r));
      case ExprKind::IsNull: {
        Val a = eval(*e.args[0], r);
        Val out;
        out.t = T::Bool;
        out.null = false;
        out.b = a.null != e.negated;
        return out;
      }
      case ExprKind::In: {
        Val x = eval(*e.args[0], r);
        bool any_null = false, found = false;
        for (size_t k = 1; k < e.args.size(); ++k) {
          Val item = eval(*e.args[k], r);
          if (x.null || item.null) any_null = true;
          else if (compare(x, item) == 0) found = true;
        }
        Val out;
        out.t = T::Bool;
        if (!found && any_null) return out;
        out.null = false;
        out.b = found;
        return out;
      }
      case ExprKind::Cast: return cast(e, eval(*e.args[0], r));
    }
    throw RefError("unknown");
  }

  // -1, 0, 1 for comparable non-null values.
  static int compare(const Val& a, const Val& b) {
    if (a.t == T::F || b.t == T::F) {
      const double x = a.t == T::F ? a.f : static_cast<double>(a.i);
      const double y = b.t == T::F ? b.f : static_cast<double>(b.i);
      return fcmp(x, y);
    }
    if (a.t == T::Str) return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
    if (a.t == T::Bool) return a.b == b.b ? 0 : (a.b ? 1 : -1);
    i128 x = a.i, y = b.i;
    if (a.t == T::Date || a.t == T::Ts || b.t == T::Date || b.t == T::Ts) {
      // Scale both to nanoseconds (dates: days).
      auto ns = [](const Val& v) -> i128 {
        if (v.t == T::Date) return v.i * 86400 * static_cast<i128>(1000000000);
        return v.i * (1000000000 / v.per_s);
      };
      x = ns(a);
      y = ns(b);
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }

 private:
  static Val literal(const Expr& e) {
    const auto& l = e.literal;
    Val v;
    v.null = l.kind == LiteralKind::Null;
    switch (l.kind) {
      case LiteralKind::Null: v.t = T::Null; break;
      case LiteralKind::Bool: v.t = T::Bool; v.b = l.b; break;
      case LiteralKind::Int: v.t = T::Int; v.i = l.i; break;
      case LiteralKind::UInt: v.t = T::UInt; v.i = l.u; break;
      case LiteralKind::Float: v.t = T::F; v.f = l.f; break;
      case LiteralKind::String: v.t = T::Str; v.s = l.s; break;
      case LiteralKind::Date: v.t = T::Date; v.i = l.i; break;
      case LiteralKind::Timestamp: v.t = T::Ts; v.i = l.i; v.per_s = 1000000; break;
    }
    return v;
  }

  Val binary(const Expr& e, Val a, Val b) const {
    Val out;
    out.t = type(e);
    const BinaryOp op = e.binary;
    if (op == BinaryOp::And || op == BinaryOp::Or) {
      const bool is_and = op == BinaryOp::And;
      // A decisive operand (false for and, true for or) wins over null.
      if ((!a.null && a.b != is_and) || (!b.null && b.b != is_and)) {
        out.null = false;
        out.b = !is_and;
      } else if (!a.null && !b.null) {
        out.null = false;
        out.b = is_and;
      }
      return out;
    }
    if (a.null || b.null) return out;
    out.null = false;
    if (op >= BinaryOp::Eq) {
      // Strings compared with dates/timestamps are parsed.
      if (a.t == T::Str && (b.t == T::Date || b.t == T::Ts)) a = parse_temporal(a.s);
      if (b.t == T::Str && (a.t == T::Date || a.t == T::Ts)) b = parse_temporal(b.s);
      const int c = compare(a, b);
      switch (op) {
        case BinaryOp::Eq: out.b = c == 0; break;
        case BinaryOp::Ne: out.b = c != 0; break;
        case BinaryOp::Lt: out.b = c < 0; break;
        case BinaryOp::Le: out.b = c <= 0; break;
        case BinaryOp::Gt: out.b = c > 0; break;
        default: out.b = c >= 0; break;
      }
      return out;
    }
    if (out.t == T::F) {
      const double x = a.t == T::F ? a.f : static_cast<double>(a.i);
      const double y = b.t == T::F ? b.f : static_cast<double>(b.i);
      switch (op) {
        case BinaryOp::Add: out.f = x + y; break;
        case BinaryOp::Sub: out.f = x - y; break;
        case BinaryOp::Mul: out.f = x * y; break;
        case BinaryOp::Div: out.f = x / y; break;
        default: out.f = std::fmod(x, y); break;
      }
      return out;
    }
    // Integers: unsigned operands of a signed operation must fit int64 first.
    if (out.t == T::Int && (!fits_i64(a.i) || !fits_i64(b.i))) throw RefError("overflow (unsigned operand)");
    switch (op) {
      case BinaryOp::Add: out.i = a.i + b.i; break;
      case BinaryOp::Sub: out.i = a.i - b.i; break;
      case BinaryOp::Mul:
        if (__builtin_mul_overflow(a.i, b.i, &out.i)) throw RefError("overflow");  // 2^64 * 2^64 exceeds 128 bits
        break;
      default:
        if (b.i == 0) throw RefError("modulo by zero");
        out.i = a.i % b.i;
        break;
    }
    if (out.t == T::Int ? !fits_i64(out.i) : !fits_u64(out.i)) throw RefError("overflow");
    return out;
  }

  static Val parse_temporal(const std::string& s) {
    Val v;
    v.null = false;
    if (auto d = deeprc::parse_date32(s)) {
      v.t = T::Date;
      v.i = *d;
      return v;
    }
    auto ts = deeprc::parse_timestamp(s, deeprc::TimeUnit::Micro);
    if (!ts) throw RefError("bad temporal string");
    v.t = T::Ts;
    v.i = *ts;
    v.per_s = 1000000;
    return v;
  }

  static Val cast(const Expr& e, const Val& a) {
    Val out;
    out.t = type_of_column(e.cast_to.id);
    if (a.null) return out;
    out.null = false;
    const TypeId to = e.cast_to.id;
    if (to == TypeId::Utf8) {
      if (a.t != T::Int && a.t != T::UInt) throw RefError("reference casts only integers to utf8");
      out.s = a.t == T::Int ? std::to_string(static_cast<int64_t>(a.i)) : std::to_string(static_cast<uint64_t>(a.i));
      return out;
    }
    if (to == TypeId::Float64) {
      out.f = a.t == T::F ? a.f : static_cast<double>(a.i);
      return out;
    }
    i128 lo = INT64_MIN, hi = INT64_MAX;
    if (to == TypeId::Int32) lo = INT32_MIN, hi = INT32_MAX;
    if (to == TypeId::Int8) lo = INT8_MIN, hi = INT8_MAX;
    if (to == TypeId::UInt8) lo = 0, hi = UINT8_MAX;
    if (a.t == T::F) {
      if (!std::isfinite(a.f) || std::trunc(a.f) != a.f || a.f < static_cast<double>(lo) ||
          static_cast<long double>(a.f) > static_cast<long double>(hi))
        throw RefError("cast out of range");
      out.i = static_cast<i128>(a.f);
    } else {
      out.i = a.i;
    }
    if (out.i < lo || out.i > hi) throw RefError("cast out of range");
    return out;
  }

  const Table& t_;
};

}  // namespace expr_ref
