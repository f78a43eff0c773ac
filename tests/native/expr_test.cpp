// Expressions: parser, type errors, and the vectorised evaluator against the row-at-a-time
// reference (expr_reference.h) on random tables and random expression trees.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "arrow/builder.h"
#include "arrow/selection.h"
#include "compute/expr_filter.h"
#include "compute/expr_parser.h"
#include "compute/expr_vec.h"
#include "compute/projection.h"
#include "core/error.h"
#include "deeprc/deeprc.h"
#include "expr_reference.h"

using namespace deeprc;
using namespace deeprc::compute;
using expr_ref::T;

namespace {

std::string canon(const std::string& text) { return to_string(*parse_expression(text)); }

std::string error_of(const std::function<void()>& f, ErrorCode* code = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (code) *code = e.code();
    return e.what();
  }
  return "";
}

// ---- random tables ---------------------------------------------------------------------------

Table random_table(uint64_t seed, int64_t n) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<uint64_t>(k)); };
  auto small = [&] { return static_cast<int64_t>(rng() % 41) - 20; };
  PrimitiveBuilder<int32_t> i32(DataType(TypeId::Int32));
  PrimitiveBuilder<int64_t> i64(DataType(TypeId::Int64)), quoted(DataType(TypeId::Int64));
  PrimitiveBuilder<uint8_t> u8(DataType(TypeId::UInt8));
  PrimitiveBuilder<uint64_t> u64(DataType(TypeId::UInt64));
  PrimitiveBuilder<double> f64(DataType(TypeId::Float64));
  PrimitiveBuilder<float> f32(DataType(TypeId::Float32));
  StringBuilder s;
  BoolBuilder b;
  PrimitiveBuilder<int32_t> d(DataType(TypeId::Date32));
  PrimitiveBuilder<int64_t> ts(DataType::timestamp(TimeUnit::Milli));
  const char* strings[] = {"", "a", "b", "abc", "é", "日本", "a'b", "Z", "a\"b"};
  const double specials[] = {std::nan(""), INFINITY, -INFINITY, -0.0, 0.0, 0.5, 1e300};
  const int64_t base_day = 19700;  // around 2023-12
  for (int64_t r = 0; r < n; ++r) {
    auto null = [&] { return pick(8) == 0; };
    if (null()) i32.append_null();
    else i32.append(pick(50) == 0 ? (pick(2) ? INT32_MAX : INT32_MIN) : static_cast<int32_t>(small()));
    if (null()) i64.append_null();
    else i64.append(pick(40) == 0 ? (pick(2) ? INT64_MAX : INT64_MIN) : small());
    if (null()) u8.append_null();
    else u8.append(static_cast<uint8_t>(pick(50) == 0 ? 255 : pick(21)));
    if (null()) u64.append_null();
    else u64.append(pick(30) == 0 ? UINT64_MAX - static_cast<uint64_t>(pick(3)) : static_cast<uint64_t>(pick(21)));
    if (null()) f64.append_null();
    else f64.append(pick(5) == 0 ? specials[pick(7)] : static_cast<double>(small()) / 4);
    if (null()) f32.append_null();
    else f32.append(pick(10) == 0 ? NAN : static_cast<float>(small()) / 2);
    if (null()) s.append_null();
    else s.append(strings[pick(9)]);
    if (null()) b.append_null();
    else b.append(pick(2) == 1);
    if (null()) d.append_null();
    else d.append(static_cast<int32_t>(base_day + pick(5)));
    if (null()) ts.append_null();
    else ts.append((base_day + pick(5)) * 86400000LL + pick(3) * 3600000LL + pick(2) * 500);
    if (null()) quoted.append_null();
    else quoted.append(small());
  }
  return Table(Schema({{"i32", DataType(TypeId::Int32)},
                       {"i64", DataType(TypeId::Int64)},
                       {"u8", DataType(TypeId::UInt8)},
                       {"u64", DataType(TypeId::UInt64)},
                       {"f64", DataType(TypeId::Float64)},
                       {"f32", DataType(TypeId::Float32)},
                       {"s", DataType(TypeId::Utf8)},
                       {"b", DataType(TypeId::Bool)},
                       {"d", DataType(TypeId::Date32)},
                       {"ts", DataType::timestamp(TimeUnit::Milli)},
                       {"my col", DataType(TypeId::Int64)}}),
               {i32.finish(), i64.finish(), u8.finish(), u64.finish(), f64.finish(), f32.finish(), s.finish(), b.finish(),
                d.finish(), ts.finish(), quoted.finish()},
               n);
}

// ---- random expressions (well typed by construction) ---------------------------------------

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}

  ExprPtr boolean(int depth) {
    const int k = depth <= 0 ? pick(4) : pick(12);
    switch (k) {
      case 0: return Expr::col("b");
      case 1: return Expr::is_null(any(depth - 1), pick(2) == 1);
      case 2: return lit_bool();
      case 3: return Expr::binary_op(cmp_op(), Expr::col("s"), str_lit());
      case 4: return Expr::binary_op(cmp_op(), number(depth - 1), number(depth - 1));
      case 5: return Expr::binary_op(BinaryOp::And, boolean(depth - 1), boolean(depth - 1));
      case 6: return Expr::binary_op(BinaryOp::Or, boolean(depth - 1), boolean(depth - 1));
      case 7: return Expr::unary_op(UnaryOp::Not, boolean(depth - 1));
      case 8: {
        std::vector<ExprPtr> items;
        for (int i = 0, n = 1 + pick(3); i < n; ++i) items.push_back(pick(6) == 0 ? null_lit() : int_lit());
        return Expr::in(integer(depth - 1), std::move(items));
      }
      case 9: return Expr::binary_op(cmp_op(), Expr::col("d"), temporal_lit());
      case 10: return Expr::binary_op(cmp_op(), Expr::col("ts"), temporal_lit());
      default: return Expr::binary_op(cmp_op(), Expr::col("b"), lit_bool());
    }
  }

  ExprPtr number(int depth) { return pick(2) ? integer(depth) : floating(depth); }

  ExprPtr integer(int depth) {
    const int k = depth <= 0 ? pick(5) : pick(11);
    static const char* cols[] = {"i32", "i64", "u8", "u64", "my col"};
    switch (k) {
      case 0: case 1: case 2: return Expr::col(cols[pick(5)]);
      case 3: return int_lit();
      case 4: return pick(4) == 0 ? null_lit() : int_lit();
      case 5: case 6: case 7: case 8: return Expr::binary_op(arith_op(false), integer(depth - 1), integer(depth - 1));
      case 9: {
        ExprPtr a = integer(depth - 1);
        if (a->kind == ExprKind::Literal) return a;  // the parser folds -literal
        return Expr::unary_op(UnaryOp::Neg, a);
      }
      default: {
        static const TypeId targets[] = {TypeId::Int32, TypeId::Int8, TypeId::UInt8, TypeId::Int64};
        return Expr::cast(pick(2) ? integer(depth - 1) : floating(depth - 1), DataType(targets[pick(4)]));
      }
    }
  }

  ExprPtr floating(int depth) {
    const int k = depth <= 0 ? pick(3) : pick(8);
    switch (k) {
      case 0: return Expr::col(pick(2) ? "f64" : "f32");
      case 1: return float_lit();
      case 2: return Expr::col("f64");
      case 3: case 4: return Expr::binary_op(arith_op(true), floating(depth - 1), number(depth - 1));
      case 5: return Expr::binary_op(BinaryOp::Div, integer(depth - 1), integer(depth - 1));
      case 6: return Expr::cast(integer(depth - 1), DataType(TypeId::Float64));
      default: {
        ExprPtr a = floating(depth - 1);
        if (a->kind == ExprKind::Literal) return a;
        return Expr::unary_op(UnaryOp::Neg, a);
      }
    }
  }

  ExprPtr string(int depth) {
    if (depth > 0 && pick(3) == 0) return Expr::cast(integer(depth - 1), DataType(TypeId::Utf8));
    return pick(2) ? Expr::col("s") : str_lit();
  }

  ExprPtr any(int depth) {
    switch (pick(4)) {
      case 0: return boolean(depth);
      case 1: return integer(depth);
      case 2: return floating(depth);
      default: return string(depth);
    }
  }

 private:
  int pick(int k) { return static_cast<int>(rng_() % static_cast<uint64_t>(k)); }
  BinaryOp cmp_op() { return static_cast<BinaryOp>(static_cast<int>(BinaryOp::Eq) + pick(6)); }
  BinaryOp arith_op(bool with_div) {
    static const BinaryOp ops[] = {BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Mod, BinaryOp::Div};
    return ops[pick(with_div ? 5 : 4)];
  }
  ExprPtr int_lit() {
    Literal l;
    l.kind = LiteralKind::Int;
    const int k = pick(20);
    l.i = k == 0 ? INT64_MAX : k == 1 ? INT64_MIN : k == 2 ? 0 : pick(21) - 10;
    if (k == 3) {
      l.kind = LiteralKind::UInt;
      l.u = pick(2) ? UINT64_MAX : 9223372036854775808ULL;
    }
    return Expr::lit(l);
  }
  ExprPtr float_lit() {
    Literal l;
    l.kind = LiteralKind::Float;
    static const double v[] = {0.5, -2.25, 0.0, -0.0, 3.0, 1e-3, 1e300};
    const int k = pick(10);
    l.f = k == 0 ? std::numeric_limits<double>::quiet_NaN() : k == 1 ? INFINITY : k == 2 ? -INFINITY : v[pick(7)];
    return Expr::lit(l);
  }
  ExprPtr str_lit() {
    Literal l;
    l.kind = LiteralKind::String;
    static const char* v[] = {"", "a", "abc", "é", "日本", "a'b", "b"};
    l.s = v[pick(7)];
    return Expr::lit(l);
  }
  ExprPtr lit_bool() {
    Literal l;
    l.kind = pick(5) == 0 ? LiteralKind::Null : LiteralKind::Bool;
    l.b = pick(2) == 1;
    return Expr::lit(l);
  }
  ExprPtr null_lit() { return Expr::lit(Literal{}); }
  ExprPtr temporal_lit() {
    Literal l;
    const int64_t day = 19700 + pick(5);
    switch (pick(3)) {
      case 0:
        l.kind = LiteralKind::Date;
        l.i = day;
        break;
      case 1:
        l.kind = LiteralKind::Timestamp;
        l.i = day * 86400000000LL + pick(3) * 3600000000LL + pick(3) * 250000;
        break;
      default:
        l.kind = LiteralKind::String;
        l.s = format_date32(static_cast<int32_t>(day));
        if (pick(2)) l.s += "T01:00:00";
    }
    return Expr::lit(l);
  }
  std::mt19937_64 rng_;
};

// Compares a computed value with the reference's (NaN equal to NaN, -0 distinct from 0).
bool same(const expr_ref::Val& got, const expr_ref::Val& want) {
  if (got.null || want.null) return got.null == want.null;
  if (want.t == T::F) return (std::isnan(got.f) && std::isnan(want.f)) || std::memcmp(&got.f, &want.f, 8) == 0;
  if (want.t == T::Str) return got.s == want.s;
  if (want.t == T::Bool) return got.b == want.b;
  return got.i == want.i;
}

std::string show(const expr_ref::Val& v) {
  if (v.null) return "null";
  if (v.t == T::F) return std::to_string(v.f);
  if (v.t == T::Str) return "'" + v.s + "'";
  if (v.t == T::Bool) return v.b ? "true" : "false";
  return std::to_string(static_cast<long long>(v.i));
}

TypeId expected_type(T t) {
  switch (t) {
    case T::Bool: return TypeId::Bool;
    case T::Int: return TypeId::Int64;
    case T::UInt: return TypeId::UInt64;
    case T::F: return TypeId::Float64;
    case T::Str: return TypeId::Utf8;
    default: return TypeId::Int64;
  }
}

// Evaluates with the reference; nullopt when some row errors.
std::optional<std::vector<expr_ref::Val>> reference(const Table& t, const Expr& e) {
  expr_ref::Reference ref(t);
  std::vector<expr_ref::Val> out;
  try {
    for (int64_t r = 0; r < t.num_rows(); ++r) out.push_back(ref.eval(e, r));
  } catch (const expr_ref::RefError&) {
    return std::nullopt;
  }
  return out;
}

int g_compared = 0;  // expressions whose values (not only errors) were compared

void check_expression(const Table& t, const ExprPtr& e, bool predicate) {
  const std::string text = to_string(*e);
  SCOPED_TRACE(text);
  // Round trip through the canonical text.
  ExprPtr back = parse_expression(text);
  ASSERT_TRUE(equals(*back, *e)) << to_string(*back);
  if (expr_ref::Reference(t).type(*e) == T::Null) {  // a bare null has no type to evaluate to
    EXPECT_THROW(evaluate(t, *back, 1), Error);
    return;
  }
  auto want = reference(t, *e);
  std::optional<Array> got[3];
  std::string err[3];
  for (int th = 1; th <= 3; ++th) {
    try {
      got[th - 1] = evaluate(t, *back, th);
    } catch (const Error& x) {
      err[th - 1] = x.what();
    }
  }
  // Identical results (or errors) for 1, 2 and 3 threads.
  for (int k = 1; k < 3; ++k) {
    ASSERT_EQ(err[k], err[0]);
    if (got[0]) {
      ASSERT_TRUE(got[k]->equals(*got[0]));
    }
  }
  if (!want) {
    ASSERT_FALSE(got[0].has_value()) << "reference failed but the evaluator did not";
    return;
  }
  if (!got[0]) {
    // Unsigned literals above 2^63-1 in a signed context fail while binding, even with no rows.
    ASSERT_EQ(t.num_rows(), 0) << "evaluator failed: " << err[0];
    return;
  }
  const Array& a = *got[0];
  ASSERT_EQ(a.length(), t.num_rows());
  ++g_compared;
  expr_ref::Reference ref(t);
  const T rt = ref.type(*e);
  if (e->kind != ExprKind::Column && e->kind != ExprKind::Cast && rt != T::Null) {
    ASSERT_EQ(a.type_id(), expected_type(rt)) << a.type().to_string();
  }
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    expr_ref::Val g = expr_ref::read(a, r);
    ASSERT_TRUE(same(g, (*want)[static_cast<size_t>(r)]))
        << "row " << r << ": got " << show(g) << ", want " << show((*want)[static_cast<size_t>(r)]);
  }
  if (!predicate) return;
  std::vector<int64_t> keep;
  for (int64_t r = 0; r < t.num_rows(); ++r)
    if (!(*want)[static_cast<size_t>(r)].null && (*want)[static_cast<size_t>(r)].b) keep.push_back(r);
  Table expected = take(t, keep.data(), static_cast<int64_t>(keep.size()));
  for (int th = 1; th <= 3; ++th) {
    Table f = filter(t, *back, th);
    ASSERT_TRUE(f.equals(expected)) << "threads " << th << ": " << f.num_rows() << " rows, want " << keep.size();
  }
}

}  // namespace

// ---- parser ----------------------------------------------------------------------------------

TEST(ExprParser, PrecedenceAndAssociativity) {
  EXPECT_EQ(canon("a + b * c"), "(a + (b * c))");
  EXPECT_EQ(canon("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(canon("a / b % c * d"), "(((a / b) % c) * d)");
  EXPECT_EQ(canon("a or b and c"), "(a or (b and c))");
  EXPECT_EQ(canon("not a = 1 and b"), "((not (a = 1)) and b)");
  EXPECT_EQ(canon("-a * b"), "((-a) * b)");
  EXPECT_EQ(canon("a < b + 1 or c"), "((a < (b + 1)) or c)");
  EXPECT_EQ(canon("a = 1 is null"), "((a = 1) is null)");
  EXPECT_EQ(canon("(a or b) and c"), "((a or b) and c)");
  EXPECT_EQ(canon("x between 1 and 5 and y"), "(((x >= 1) and (x <= 5)) and y)");
  EXPECT_EQ(canon("x not between 1 and 5"), "(not ((x >= 1) and (x <= 5)))");
  EXPECT_EQ(canon("x not in (1, 2)"), "(not (x in (1, 2)))");
  EXPECT_EQ(canon("x is not null"), "(x is not null)");
  EXPECT_EQ(canon("a <> b or a == b"), "((a != b) or (a = b))");
  EXPECT_EQ(canon("- 3 - -2.5"), "(-3 - -2.5)");
  EXPECT_EQ(canon("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(canon("18446744073709551615"), "18446744073709551615");
  EXPECT_EQ(canon("NaN + -Inf + 1e3 + .5"), "(((nan + -inf) + 1000.0) + 0.5)");
  EXPECT_EQ(canon("AND_x AND \"and\""), "(AND_x and \"and\")");
}

TEST(ExprParser, QuotingAndLiterals) {
  EXPECT_EQ(canon("\"my col\" > 'it''s'"), "(\"my col\" > 'it''s')");
  EXPECT_EQ(canon("\"a\"\"b\" = 1"), "(\"a\"\"b\" = 1)");
  EXPECT_EQ(canon("\"plain\" = TRUE"), "(plain = true)");
  EXPECT_EQ(canon("\"1x\" = NULL"), "(\"1x\" = null)");
  EXPECT_EQ(canon("größe > 1"), "(größe > 1)");
  EXPECT_EQ(canon("d < DATE '2024-01-31'"), "(d < date '2024-01-31')");
  EXPECT_EQ(canon("t >= timestamp '2024-01-31T10:00:00+01:00'"), "(t >= timestamp '2024-01-31T09:00:00Z')");
  EXPECT_EQ(canon("cast(x as timestamp[ms, tz=UTC]) > cast(y AS i32)"),
            "(cast(x as timestamp[ms, tz=UTC]) > cast(y as int32))");
  for (const char* text : {"a + b * -c", "x in ('a', 'b''c', null)", "\"sp ace\" is null or not f", "1.5e-7 < 2",
                           "cast(cast(v as utf8) as large_utf8) = ''", "-0.0 = 0.0", "date '1900-02-28' != d"}) {
    ExprPtr e = parse_expression(text);
    EXPECT_TRUE(equals(*parse_expression(to_string(*e)), *e)) << text;
  }
}

TEST(ExprParser, SyntaxErrorsNamePosition) {
  auto msg = [](const std::string& text) {
    ErrorCode code{};
    std::string m = error_of([&] { parse_expression(text); }, &code);
    EXPECT_EQ(code, ErrorCode::Parse) << text;
    return m;
  };
  EXPECT_EQ(msg("v > (3 and"), "expected a column, literal or '(' at position 10 (end of input) in 'v > (3 and'");
  EXPECT_EQ(msg("(v > 3"), "expected ')' at position 6 (end of input) in '(v > 3'");
  EXPECT_EQ(msg("v > 3 w"), "expected an operator or the end of the expression but found 'w' at position 6 in 'v > 3 w'");
  EXPECT_NE(msg("'abc").find("unterminated string starting at position 0"), std::string::npos);
  EXPECT_NE(msg("\"abc").find("unterminated quoted name"), std::string::npos);
  EXPECT_NE(msg("a ? b").find("unexpected character '?' at position 2"), std::string::npos);
  EXPECT_NE(msg("").find("expected an expression"), std::string::npos);
  EXPECT_NE(msg("x in 1").find("expected '(' after 'in'"), std::string::npos);
  EXPECT_NE(msg("x in (1, 2").find("expected ',' or ')'"), std::string::npos);
  EXPECT_NE(msg("99999999999999999999").find("out of range"), std::string::npos);
  EXPECT_NE(msg("date '2024-13-01'").find("invalid date"), std::string::npos);
  EXPECT_NE(msg("cast(x as blob)").find("unknown type 'blob'"), std::string::npos);
  EXPECT_NE(msg("and = 1").find("quote a column named 'and'"), std::string::npos);
  EXPECT_NE(msg("1x").find("malformed number"), std::string::npos);
  EXPECT_NE(msg("x between 1 or 2").find("expected 'and'"), std::string::npos);
}

// ---- binding errors --------------------------------------------------------------------------

TEST(ExprBind, ClearErrors) {
  Table t = random_table(1, 5);
  ErrorCode code{};
  std::string m = error_of([&] { evaluate(t, *parse_expression("i64 + nope > 1"), 1); }, &code);
  EXPECT_EQ(code, ErrorCode::NotFound);
  EXPECT_NE(m.find("unknown column 'nope'"), std::string::npos) << m;
  EXPECT_NE(m.find("'((i64 + nope) > 1)'"), std::string::npos) << m;
  EXPECT_NE(m.find("columns: i32, i64, u8"), std::string::npos) << m;

  m = error_of([&] { evaluate(t, *parse_expression("i64 = s"), 1); }, &code);
  EXPECT_EQ(code, ErrorCode::Invalid);
  EXPECT_EQ(m, "cannot compare int64 with utf8 in '(i64 = s)'");
  EXPECT_EQ(error_of([&] { evaluate(t, *parse_expression("s + 1"), 1); }),
            "'+' needs numbers, got utf8 and int64 in '(s + 1)'");
  EXPECT_EQ(error_of([&] { evaluate(t, *parse_expression("i64 and b"), 1); }),
            "'and' needs bool operands, got int64 and bool in '(i64 and b)'");
  EXPECT_EQ(error_of([&] { evaluate(t, *parse_expression("not s"), 1); }),
            "'not' needs a bool operand, got utf8 in '(not s)'");
  EXPECT_NE(error_of([&] { evaluate(t, *parse_expression("d < 'soon'"), 1); }).find("is not a date"), std::string::npos);
  EXPECT_NE(error_of([&] { evaluate(t, *parse_expression("d < 3"), 1); }).find("cannot compare date32 with int64"),
            std::string::npos);
  EXPECT_NE(error_of([&] { evaluate(t, *parse_expression("null"), 1); }).find("cast(null as TYPE)"), std::string::npos);
  EXPECT_NE(error_of([&] { filter(t, *parse_expression("i64 + 1"), 1); }).find("needs a bool predicate"),
            std::string::npos);
  EXPECT_NE(error_of([&] { evaluate(t, *parse_expression("cast(s as int64)"), 1); }).find("cannot cast 'cast(s as int64)' at row"),
            std::string::npos);
}

TEST(ExprEval, RuntimeErrorsNameExpressionAndRow) {
  PrimitiveBuilder<int64_t> a(DataType(TypeId::Int64));
  for (int64_t i = 0; i < 10000; ++i) a.append(i == 9000 ? INT64_MAX : i);
  a.append_null();
  Table t(Schema({{"a", DataType(TypeId::Int64)}}), {a.finish()});
  for (int th : {1, 2, 3})
    EXPECT_EQ(error_of([&] { evaluate(t, *parse_expression("a + 1"), th); }),
              "integer overflow (9223372036854775807 + 1 does not fit int64) in '(a + 1)' at row 9000");
  EXPECT_EQ(error_of([&] { evaluate(t, *parse_expression("a % (a - 5)"), 3); }),
            "integer modulo by zero in '(a % (a - 5))' at row 5");
  EXPECT_NE(error_of([&] { evaluate(t, *parse_expression("cast(a as int16)"), 2); }).find("cast(a as int16)' at row 9000"),
            std::string::npos);
  // Nulls never raise: the null row's value is not looked at.
  EXPECT_EQ(evaluate(t, *parse_expression("a / 0"), 2).null_count(), 1);
  Array inf = evaluate(t, *parse_expression("a / 0"), 2);
  EXPECT_TRUE(std::isnan(inf.values<double>()[0]));
  EXPECT_EQ(inf.values<double>()[1], INFINITY);
}

TEST(ExprEval, TemporalComparisons) {
  PrimitiveBuilder<int32_t> d(DataType(TypeId::Date32));
  PrimitiveBuilder<int64_t> ts(DataType::timestamp(TimeUnit::Second, "UTC"));
  for (int i = 0; i < 3; ++i) {
    d.append(*parse_date32("2024-01-30") + i);
    ts.append(*parse_timestamp("2024-01-31T10:00:00Z", TimeUnit::Second) + i * 3600);
  }
  Table t(Schema({{"d", DataType(TypeId::Date32)}, {"ts", DataType::timestamp(TimeUnit::Second, "UTC")}}),
          {d.finish(), ts.finish()});
  auto rows = [&](const char* text) { return filter(t, *parse_expression(text), 1).num_rows(); };
  EXPECT_EQ(rows("d = date '2024-01-31'"), 1);
  EXPECT_EQ(rows("d >= '2024-01-31'"), 2);
  EXPECT_EQ(rows("d < timestamp '2024-01-31T00:00:01Z'"), 2);
  EXPECT_EQ(rows("ts > timestamp '2024-01-31T10:30:00Z'"), 2);
  EXPECT_EQ(rows("ts > '2024-01-31T10:00:00.5'"), 2);
  EXPECT_EQ(rows("ts >= '2024-01-31T11:00:00Z'"), 2);
  EXPECT_EQ(rows("ts between '2024-01-31T10:00:00' and '2024-01-31T11:00:00'"), 2);
  EXPECT_EQ(rows("d < ts"), 2);  // 2024-02-01 (midnight) is after 2024-01-31T12:00
  EXPECT_EQ(rows("cast(d as timestamp[s]) = date '2024-02-01'"), 1);
}

// ---- the differential test ---------------------------------------------------------------------

TEST(ExprDifferential, RandomExpressionsMatchReference) {
  const int64_t sizes[] = {0, 1, 7, 300, 2 * kExprChunk + 5};
  int checked = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    const int64_t n = sizes[seed % 5];
    Table t = random_table(seed, n);
    Gen gen(seed * 7919);
    const int count = n > 1000 ? 6 : 30;
    for (int k = 0; k < count; ++k) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " rows " + std::to_string(n));
      const int depth = 1 + k % 4;
      switch (k % 5) {
        case 0: case 1: check_expression(t, gen.boolean(depth), true); break;
        case 2: check_expression(t, gen.integer(depth), false); break;
        case 3: check_expression(t, gen.floating(depth), false); break;
        default: check_expression(t, gen.string(depth), false); break;
      }
      if (HasFatalFailure()) return;
      ++checked;
    }
  }
  EXPECT_GT(checked, 500);
  // Most expressions must evaluate (not just fail alike), or the comparison would prove little.
  EXPECT_GT(g_compared * 10, checked * 6) << g_compared << " of " << checked;
}

TEST(ExprDifferential, ThreeValuedLogicTruthTable) {
  BoolBuilder x, y;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      if (i == 2) x.append_null();
      else x.append(i == 1);
      if (j == 2) y.append_null();
      else y.append(j == 1);
    }
  Table t(Schema({{"x", DataType(TypeId::Bool)}, {"y", DataType(TypeId::Bool)}}), {x.finish(), y.finish()});
  auto show_all = [&](const char* text) {
    Array a = evaluate(t, *parse_expression(text), 1);
    std::string s;
    for (int64_t i = 0; i < a.length(); ++i) s += a.is_null(i) ? 'N' : a.bool_value(i) ? 'T' : 'F';
    return s;
  };
  // rows: (F,F) (F,T) (F,N) (T,F) (T,T) (T,N) (N,F) (N,T) (N,N)
  EXPECT_EQ(show_all("x and y"), "FFFFTNFNN");
  EXPECT_EQ(show_all("x or y"), "FTNTTTNTN");
  EXPECT_EQ(show_all("not x"), "TTTFFFNNN");
  EXPECT_EQ(show_all("x is null"), "FFFFFFTTT");
  EXPECT_EQ(show_all("x in (y, false)"), "TTTFTNNNN");
  EXPECT_EQ(show_all("x and null"), "FFFNNNNNN");
  EXPECT_EQ(show_all("true or null"), "TTTTTTTTT");
}

// ---- projection ----------------------------------------------------------------------------

TEST(ExprProjection, WithColumnSelectRenameCastHeadTail) {
  Table t = random_table(3, 20);
  Table w = with_column(t, "z", *parse_expression("i64 * 2"), 2);
  EXPECT_EQ(w.num_columns(), t.num_columns() + 1);
  EXPECT_EQ(w.schema().field(w.num_columns() - 1).type.id, TypeId::Int64);
  Table r = with_column(t, "i32", *parse_expression("cast(1 as int8)"), 1);  // replace in place, broadcast
  EXPECT_EQ(r.schema().field(0).name, "i32");
  EXPECT_EQ(r.column(0).type_id(), TypeId::Int8);
  EXPECT_EQ(r.column(0).values<int8_t>()[19], 1);

  Table s = select_names(t, {"s", "my col"});
  EXPECT_EQ(s.schema().to_string(), select_names(t, {"s", "my col"}).schema().to_string());
  EXPECT_EQ(s.schema().field(1).name, "my col");
  ErrorCode code{};
  EXPECT_NE(error_of([&] { select_names(t, {"s", "zz"}); }, &code).find("no column named 'zz'"), std::string::npos);
  EXPECT_EQ(code, ErrorCode::NotFound);
  EXPECT_NE(error_of([&] { select_names(t, {"s", "s"}); }).find("selected twice"), std::string::npos);

  Table rn = rename(t, {{"i32", "x"}, {"s", "name"}});
  EXPECT_EQ(rn.schema().field(0).name, "x");
  EXPECT_EQ(rn.schema().field(6).name, "name");
  EXPECT_TRUE(rn.column(0).equals(t.column(0)));
  EXPECT_NE(error_of([&] { rename(t, {{"nope", "x"}}); }, &code).find("no column named 'nope'"), std::string::npos);
  EXPECT_EQ(code, ErrorCode::NotFound);
  EXPECT_NE(error_of([&] { rename(t, {{"i32", "i64"}}); }).find("two columns named 'i64'"), std::string::npos);
  EXPECT_NE(error_of([&] { rename(t, {{"i32", "a"}, {"i32", "b"}}); }).find("renamed twice"), std::string::npos);
  Table swapped = rename(t, {{"i32", "i64"}, {"i64", "i32"}});
  EXPECT_EQ(swapped.schema().field(0).name, "i64");

  Table c = cast_column(t, "u8", DataType(TypeId::Int32));
  EXPECT_EQ(c.column(2).type_id(), TypeId::Int32);
  EXPECT_NE(error_of([&] { cast_column(t, "u64", DataType(TypeId::Int8)); }).find("column 'u64'"), std::string::npos);

  EXPECT_EQ(head(t, 5).num_rows(), 5);
  EXPECT_EQ(head(t, 500).num_rows(), 20);
  EXPECT_TRUE(tail(t, 3).equals(t.slice(17, 3)));
  EXPECT_EQ(tail(t, 0).num_rows(), 0);
  EXPECT_EQ(tail(t, 99).num_rows(), 20);
  EXPECT_NE(error_of([&] { tail(t, -1); }).find("n must be >= 0"), std::string::npos);
}

TEST(ExprFilter, EdgeCases) {
  Table t = random_table(5, 3 * kExprChunk + 17);
  EXPECT_TRUE(filter(t, *parse_expression("true"), 2).equals(t));
  EXPECT_EQ(filter(t, *parse_expression("false"), 2).num_rows(), 0);
  EXPECT_EQ(filter(t, *parse_expression("null"), 2).num_rows(), 0);
  EXPECT_EQ(filter(t, *parse_expression("b and null"), 2).num_rows(), 0);
  Table empty = random_table(5, 0);
  EXPECT_EQ(filter(empty, *parse_expression("i64 > 0"), 2).num_rows(), 0);
  EXPECT_EQ(evaluate(empty, *parse_expression("i64 + 1"), 2).length(), 0);
  // A large unsigned literal is fine when compared but fails when mixed into signed arithmetic.
  EXPECT_EQ(filter(t, *parse_expression("u64 >= 18446744073709551613"), 3).num_rows(),
            filter(t, *parse_expression("u64 > 100"), 1).num_rows());
}

// ---- C ABI -----------------------------------------------------------------------------------

TEST(ExprCApi, StatusesAndRoundTrip) {
  drc_expr* e = nullptr;
  drc_status* st = drc_expr_parse("v > (3 and", &e);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_PARSE);
  EXPECT_NE(std::string(drc_status_message(st)).find("position 10"), std::string::npos);
  drc_status_free(st);
  EXPECT_EQ(e, nullptr);
  st = drc_expr_parse(nullptr, &e);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  drc_status_free(st);

  ASSERT_EQ(drc_expr_parse("a > 5 and not b", &e), nullptr);
  char* text = nullptr;
  ASSERT_EQ(drc_expr_to_string(e, &text), nullptr);
  EXPECT_STREQ(text, "((a > 5) and (not b))");
  drc_expr* e2 = nullptr;
  ASSERT_EQ(drc_expr_parse(text, &e2), nullptr);
  int32_t eq = 0;
  ASSERT_EQ(drc_expr_equals(e, e2, &eq), nullptr);
  EXPECT_EQ(eq, 1);
  drc_string_free(text);
  drc_expr_free(e2);

  drc_table* w4 = nullptr;
  ASSERT_EQ(drc_gen_workload("W4", 1000, 0, -1, 42, &w4), nullptr);
  drc_table* out = nullptr;
  st = drc_table_filter_expr(w4, e, 0, &out);  // unknown column a? W4 has a; b is float
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);  // 'not' on float64
  drc_status_free(st);
  drc_expr_free(e);

  ASSERT_EQ(drc_expr_parse("b < 0.5 and c > 0", &e), nullptr);
  ASSERT_EQ(drc_table_filter_expr(w4, e, 2, &out), nullptr);
  int64_t kept = drc_table_num_rows(out);
  EXPECT_GT(kept, 100);
  EXPECT_LT(kept, 400);
  drc_table_free(out);
  st = drc_table_filter_expr(w4, e, -1, &out);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  drc_status_free(st);
  drc_array* arr = nullptr;
  ASSERT_EQ(drc_table_evaluate(w4, e, 1, &arr), nullptr);
  drc_array_free(arr);
  ASSERT_EQ(drc_table_with_column(w4, "keep", e, 0, &out), nullptr);
  EXPECT_EQ(drc_table_num_columns(out), 5);
  drc_table_free(out);
  drc_expr_free(e);

  ASSERT_EQ(drc_expr_parse("zz > 1", &e), nullptr);
  st = drc_table_evaluate(w4, e, 1, &arr);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_NOT_FOUND);
  drc_status_free(st);
  drc_expr_free(e);

  const char* names[] = {"d", "a"};
  ASSERT_EQ(drc_table_select_names(w4, names, 2, &out), nullptr);
  EXPECT_EQ(drc_table_num_columns(out), 2);
  drc_table_free(out);
  const char* bad[] = {"d", nullptr};
  st = drc_table_select_names(w4, bad, 2, &out);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  drc_status_free(st);
  const char* olds[] = {"a", "nope"};
  const char* news[] = {"x", "y"};
  st = drc_table_rename(w4, olds, news, 2, &out);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_NOT_FOUND);
  drc_status_free(st);
  ASSERT_EQ(drc_table_rename(w4, olds, news, 1, &out), nullptr);
  drc_table_free(out);
  drc_data_type i32{DRC_TYPE_INT32, 0, nullptr};
  st = drc_table_cast_column(w4, "c", &i32, &out);
  ASSERT_EQ(st, nullptr);  // c is in [-1e9, 1e9]: fits int32
  drc_table_free(out);
  drc_data_type i8{DRC_TYPE_INT8, 0, nullptr};
  st = drc_table_cast_column(w4, "c", &i8, &out);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  drc_status_free(st);
  ASSERT_EQ(drc_table_tail(w4, 10, &out), nullptr);
  EXPECT_EQ(drc_table_num_rows(out), 10);
  drc_table_free(out);
  ASSERT_EQ(drc_table_head(w4, 5000, &out), nullptr);
  EXPECT_EQ(drc_table_num_rows(out), 1000);
  drc_table_free(out);
  st = drc_table_head(w4, -1, &out);
  ASSERT_NE(st, nullptr);
  drc_status_free(st);
  drc_table_free(w4);
}
