#include "compute/expr_bind.h"

#include "arrow/temporal.h"
#include "compute/cast.h"
#include "core/error.h"

namespace deeprc::compute {

Phys phys_of(const DataType& t) {
  switch (t.id) {
    case TypeId::Bool: return Phys::Bool;
    case TypeId::UInt8:
    case TypeId::UInt16:
    case TypeId::UInt32:
    case TypeId::UInt64: return Phys::U64;
    case TypeId::Float32:
    case TypeId::Float64: return Phys::F64;
    case TypeId::Utf8:
    case TypeId::LargeUtf8: return Phys::Str;
    default: return Phys::I64;  // signed integers, date32, timestamp
  }
}

namespace {

bool is_numeric(const Bound& b) { return !b.untyped_null && (is_integer(b.type.id) || is_floating(b.type.id)); }
bool is_temporal(const Bound& b) { return !b.untyped_null && (b.type.id == TypeId::Date32 || b.type.id == TypeId::Timestamp); }
bool is_str(const Bound& b) { return !b.untyped_null && is_string(b.type.id); }
std::string type_text(const Bound& b) { return b.untyped_null ? "null" : b.type.to_string(); }

void set_type(Bound& b, const DataType& t) {
  b.type = t;
  b.phys = phys_of(t);
  b.untyped_null = false;
}

// Gives an untyped null literal a type (it stays a null literal).
void settle_null(Bound& b, const DataType& t) {
  if (!b.untyped_null) return;
  set_type(b, t);
  b.lit_null = true;
}

Bound wrap(BoundOp op, Bound child, const DataType& type) {
  Bound w;
  w.op = op;
  w.text = child.text;
  set_type(w, type);
  w.args.push_back(std::move(child));
  return w;
}

// Integer/float conversion nodes; literals are converted in place.
void to_f64(Bound& b) {
  if (b.phys == Phys::F64) return;
  if (b.op == BoundOp::Literal) {
    if (!b.lit_null) b.lit_f = b.phys == Phys::U64 ? static_cast<double>(b.lit_u) : static_cast<double>(b.lit_i);
    set_type(b, DataType(TypeId::Float64));
    return;
  }
  b = wrap(BoundOp::ToF64, std::move(b), DataType(TypeId::Float64));
}

void to_i64(Bound& b, const std::string& where) {
  if (b.phys == Phys::I64) return;
  if (b.op == BoundOp::Literal) {
    if (!b.lit_null) {
      if (b.lit_u > static_cast<uint64_t>(INT64_MAX))
        throw_invalid("integer overflow in '" + where + "': " + std::to_string(b.lit_u) + " does not fit int64");
      b.lit_i = static_cast<int64_t>(b.lit_u);
    }
    set_type(b, DataType(TypeId::Int64));
    return;
  }
  b = wrap(BoundOp::ToI64, std::move(b), DataType(TypeId::Int64));
}

int unit_rank(TimeUnit u) { return static_cast<int>(u); }

// Converts a date32/timestamp operand to timestamp[u] (exactly; literals folded).
void to_timestamp(Bound& b, TimeUnit u, const std::string& where) {
  int64_t factor;
  if (b.type.id == TypeId::Date32) factor = 86400 * units_per_second(u);
  else factor = units_per_second(u) / units_per_second(b.type.unit);
  DataType t = DataType::timestamp(u, b.type.id == TypeId::Timestamp ? b.type.timezone : std::string());
  if (factor == 1) {
    set_type(b, t);
    return;
  }
  if (b.op == BoundOp::Literal) {
    if (!b.lit_null && __builtin_mul_overflow(b.lit_i, factor, &b.lit_i))
      throw_invalid("literal out of range for " + t.to_string() + " in '" + where + "'");
    set_type(b, t);
    return;
  }
  Bound w = wrap(BoundOp::Scale, std::move(b), t);
  w.factor = factor;
  b = std::move(w);
}

// Tries to express a temporal literal exactly in `target` (a coarser unit or a date), so that the
// column side needs no per-row conversion.
bool literal_fits(const Bound& lit, const DataType& target) {
  if (lit.op != BoundOp::Literal || lit.lit_null) return lit.op == BoundOp::Literal;
  const int64_t per_day_lit = lit.type.id == TypeId::Date32 ? 1 : 86400 * units_per_second(lit.type.unit);
  if (target.id == TypeId::Date32) return lit.type.id == TypeId::Date32 || lit.lit_i % per_day_lit == 0;
  if (lit.type.id == TypeId::Date32) return false;  // handled by widening the literal
  if (unit_rank(lit.type.unit) <= unit_rank(target.unit)) return false;
  return lit.lit_i % (units_per_second(lit.type.unit) / units_per_second(target.unit)) == 0;
}

void literal_narrow(Bound& lit, const DataType& target) {
  if (!lit.lit_null) {
    if (target.id == TypeId::Date32) {
      if (lit.type.id != TypeId::Date32) lit.lit_i /= 86400 * units_per_second(lit.type.unit);
    } else {
      lit.lit_i /= units_per_second(lit.type.unit) / units_per_second(target.unit);
    }
  }
  set_type(lit, target);
}

// Parses a string literal compared with a temporal operand.
void string_to_temporal(Bound& s, const DataType& other, const std::string& where) {
  if (s.op != BoundOp::Literal) return;
  if (s.lit_null) {
    set_type(s, other);
    return;
  }
  if (other.id == TypeId::Date32) {
    if (auto d = parse_date32(s.lit_s)) {
      s.lit_i = *d;
      set_type(s, DataType(TypeId::Date32));
      return;
    }
  }
  if (auto ts = parse_timestamp(s.lit_s, TimeUnit::Micro)) {
    s.lit_i = *ts;
    set_type(s, DataType::timestamp(TimeUnit::Micro));
    return;
  }
  if (auto ts = parse_timestamp(s.lit_s, TimeUnit::Second)) {  // outside the microsecond range
    s.lit_i = *ts;
    set_type(s, DataType::timestamp(TimeUnit::Second));
    return;
  }
  throw_invalid("cannot compare " + other.to_string() + " with '" + s.lit_s + "' in '" + where +
                "': the string is not a date (YYYY-MM-DD) or timestamp (YYYY-MM-DDThh:mm:ss)");
}

void unify_temporal(Bound& a, Bound& b, const std::string& where) {
  if (a.type == b.type) return;
  if (a.type.id == TypeId::Date32 && b.type.id == TypeId::Date32) return;
  // Prefer folding a literal into the column's type.
  if (literal_fits(b, a.type) && !literal_fits(a, b.type)) {
    literal_narrow(b, a.type);
    return;
  }
  if (literal_fits(a, b.type)) {
    literal_narrow(a, b.type);
    return;
  }
  TimeUnit u = TimeUnit::Second;
  if (a.type.id == TypeId::Timestamp) u = a.type.unit;
  if (b.type.id == TypeId::Timestamp && unit_rank(b.type.unit) > unit_rank(u)) u = b.type.unit;
  to_timestamp(a, u, where);
  to_timestamp(b, u, where);
}

class Binder {
 public:
  Binder(const Schema& s, std::string root) : schema_(s), root_(std::move(root)) {}

  Bound bind(const Expr& e) {
    Bound b;
    b.text = to_string(e);
    switch (e.kind) {
      case ExprKind::Column: return bind_column(e, std::move(b));
      case ExprKind::Literal: return bind_literal(e.literal, std::move(b));
      case ExprKind::Unary: return bind_unary(e, std::move(b));
      case ExprKind::Binary: return bind_binary(e.binary, bind(*e.args[0]), bind(*e.args[1]), std::move(b.text));
      case ExprKind::IsNull: {
        b.op = BoundOp::IsNull;
        b.negated = e.negated;
        set_type(b, DataType(TypeId::Bool));
        b.args.push_back(bind(*e.args[0]));
        return b;
      }
      case ExprKind::In: {
        // x in (a, b, c) == (x = a) or (x = b) or (x = c), which is SQL's three-valued IN.
        Bound acc;
        for (size_t i = 1; i < e.args.size(); ++i) {
          Bound eq = bind_binary(BinaryOp::Eq, bind(*e.args[0]), bind(*e.args[i]), b.text);
          acc = i == 1 ? std::move(eq) : bind_binary(BinaryOp::Or, std::move(acc), std::move(eq), b.text);
        }
        return acc;
      }
      case ExprKind::Cast: return bind_cast(e, std::move(b));
    }
    throw_internal("bind: unknown expression kind");
  }

 private:
  Bound bind_column(const Expr& e, Bound b) {
    const int i = schema_.index_of(e.name);
    if (i < 0) {
      std::string cols;
      for (const auto& f : schema_.fields()) cols += (cols.empty() ? "" : ", ") + f.name;
      throw_not_found("unknown column '" + e.name + "' in expression '" + root_ + "' (columns: " + cols + ")");
    }
    b.op = BoundOp::Column;
    b.column = i;
    set_type(b, schema_.field(i).type);
    return b;
  }

  static Bound bind_literal(const Literal& l, Bound b) {
    b.op = BoundOp::Literal;
    switch (l.kind) {
      case LiteralKind::Null:
        b.untyped_null = true;
        b.lit_null = true;
        break;
      case LiteralKind::Bool:
        set_type(b, DataType(TypeId::Bool));
        b.lit_i = l.b ? 1 : 0;
        break;
      case LiteralKind::Int:
        set_type(b, DataType(TypeId::Int64));
        b.lit_i = l.i;
        break;
      case LiteralKind::UInt:
        set_type(b, DataType(TypeId::UInt64));
        b.lit_u = l.u;
        break;
      case LiteralKind::Float:
        set_type(b, DataType(TypeId::Float64));
        b.lit_f = l.f;
        break;
      case LiteralKind::String:
        set_type(b, DataType(TypeId::Utf8));
        b.lit_s = l.s;
        break;
      case LiteralKind::Date:
        set_type(b, DataType(TypeId::Date32));
        b.lit_i = l.i;
        break;
      case LiteralKind::Timestamp:
        set_type(b, DataType::timestamp(TimeUnit::Micro));
        b.lit_i = l.i;
        break;
    }
    return b;
  }

  Bound bind_unary(const Expr& e, Bound b) {
    Bound a = bind(*e.args[0]);
    if (e.unary == UnaryOp::Not) {
      settle_null(a, DataType(TypeId::Bool));
      if (a.type.id != TypeId::Bool)
        throw_invalid("'not' needs a bool operand, got " + type_text(a) + " in '" + b.text + "'");
      b.op = BoundOp::Not;
      set_type(b, DataType(TypeId::Bool));
    } else {
      settle_null(a, DataType(TypeId::Int64));
      if (!is_numeric(a)) throw_invalid("unary '-' needs a number, got " + type_text(a) + " in '" + b.text + "'");
      if (a.phys == Phys::U64) to_i64(a, b.text);
      b.op = BoundOp::Neg;
      set_type(b, DataType(a.phys == Phys::F64 ? TypeId::Float64 : TypeId::Int64));
    }
    b.args.push_back(std::move(a));
    return b;
  }

  Bound bind_binary(BinaryOp op, Bound l, Bound r, std::string text) {
    Bound b;
    b.text = std::move(text);
    if (op == BinaryOp::And || op == BinaryOp::Or) {
      settle_null(l, DataType(TypeId::Bool));
      settle_null(r, DataType(TypeId::Bool));
      if (l.type.id != TypeId::Bool || r.type.id != TypeId::Bool)
        throw_invalid(std::string("'") + op_text(op) + "' needs bool operands, got " + type_text(l) + " and " +
                      type_text(r) + " in '" + b.text + "'");
      b.op = op == BinaryOp::And ? BoundOp::And : BoundOp::Or;
      set_type(b, DataType(TypeId::Bool));
    } else if (op == BinaryOp::Add || op == BinaryOp::Sub || op == BinaryOp::Mul || op == BinaryOp::Div ||
               op == BinaryOp::Mod) {
      if (l.untyped_null && r.untyped_null) settle_null(l, DataType(TypeId::Int64));
      if (l.untyped_null) settle_null(l, r.type);
      if (r.untyped_null) settle_null(r, l.type);
      if (!is_numeric(l) || !is_numeric(r))
        throw_invalid(std::string("'") + op_text(op) + "' needs numbers, got " + type_text(l) + " and " + type_text(r) +
                      " in '" + b.text + "'");
      if (op == BinaryOp::Div || l.phys == Phys::F64 || r.phys == Phys::F64) {
        to_f64(l);
        to_f64(r);
      } else if (l.phys != r.phys) {  // signed with unsigned
        to_i64(l, b.text);
        to_i64(r, b.text);
      }
      b.op = op == BinaryOp::Add   ? BoundOp::Add
             : op == BinaryOp::Sub ? BoundOp::Sub
             : op == BinaryOp::Mul ? BoundOp::Mul
             : op == BinaryOp::Div ? BoundOp::Div
                                   : BoundOp::Mod;
      set_type(b, DataType(l.phys == Phys::F64 ? TypeId::Float64 : l.phys == Phys::U64 ? TypeId::UInt64 : TypeId::Int64));
    } else {
      if (l.untyped_null && r.untyped_null) settle_null(l, DataType(TypeId::Int64));
      if (l.untyped_null) settle_null(l, r.type);
      if (r.untyped_null) settle_null(r, l.type);
      if (is_temporal(l) && is_str(r)) string_to_temporal(r, l.type, b.text);
      if (is_temporal(r) && is_str(l)) string_to_temporal(l, r.type, b.text);
      if (is_numeric(l) && is_numeric(r)) {
        if (l.phys == Phys::F64 || r.phys == Phys::F64) {
          to_f64(l);
          to_f64(r);
        }
      } else if (is_temporal(l) && is_temporal(r)) {
        unify_temporal(l, r, b.text);
      } else if (!((is_str(l) && is_str(r)) || (l.type.id == TypeId::Bool && r.type.id == TypeId::Bool))) {
        throw_invalid("cannot compare " + type_text(l) + " with " + type_text(r) + " in '" + b.text + "'");
      }
      b.op = BoundOp::Cmp;
      b.cmp = op;
      set_type(b, DataType(TypeId::Bool));
    }
    b.args.push_back(std::move(l));
    b.args.push_back(std::move(r));
    return b;
  }

  Bound bind_cast(const Expr& e, Bound b) {
    Bound a = bind(*e.args[0]);
    if (a.untyped_null) {  // cast(null as T) is a typed null
      settle_null(a, e.cast_to);
      a.text = b.text;
      return a;
    }
    // Probe the conversion on an empty array so unsupported casts fail before any row is read.
    ArrayData probe;
    probe.type = a.type;
    probe.values = Buffer::allocate(8, true);
    if (is_string(a.type.id)) probe.data = Buffer::allocate(0);
    try {
      (void)cast(Array::make(std::move(probe)), e.cast_to, b.text);
    } catch (const Error& err) {
      throw Error(err.code(), "cannot cast " + a.type.to_string() + " to " + e.cast_to.to_string() + " in '" + b.text +
                                  "': " + err.what());
    }
    b.op = BoundOp::Cast;
    set_type(b, e.cast_to);
    b.args.push_back(std::move(a));
    return b;
  }

  const Schema& schema_;
  std::string root_;
};

}  // namespace

Bound bind(const Expr& e, const Schema& schema) {
  Binder binder(schema, to_string(e));
  Bound b = binder.bind(e);
  return b;
}

}  // namespace deeprc::compute
