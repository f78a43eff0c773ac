// Tokenizer for the expression language. Positions are 0-based byte offsets into the text and
// are used by the parser's error messages.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace deeprc::compute {

enum class TokenKind {
  Ident,        // bare identifier or keyword (keywords are recognised by the parser)
  QuotedIdent,  // "name" ("" inside is a literal quote); text holds the unquoted name
  Int,          // digits; text holds the digits
  Float,        // digits with '.' and/or exponent
  String,       // 'text' ('' inside is a literal quote); text holds the unquoted value
  Op,           // = == != <> < <= > >= + - * / %
  LParen,
  RParen,
  Comma,
  End,
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;
  size_t pos = 0;
};

// Throws Parse ("unterminated string starting at position 4 in '...'") on malformed input.
std::vector<Token> tokenize(std::string_view text);

// "position N in 'text'" (or "end of input" when pos == text.size()), for error messages.
std::string where(std::string_view text, size_t pos);

}  // namespace deeprc::compute
