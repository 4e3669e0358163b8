"""The gate for ad-hoc Cypher: only what a read query needs gets through.

Not a block list run over raw text: a tokenizer that knows strings, backtick names, comments,
parameters and numbers, then a clause-level parser.  A query is one statement of the clauses
MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP, LIMIT and UNION [ALL] in
their Cypher order, ending with RETURN, with expressions and function calls between them
(EXISTS/COUNT/COLLECT { ... } subqueries follow the same rules).  Everything else is refused
before it reaches a database, each with its own error (:mod:`policykg.errors`): CALL (procedures
and settings such as ``CALL timeout=0``), ``;``, LOAD/COPY/EXPORT/IMPORT, INSTALL/UPDATE/ATTACH/USE,
BEGIN/COMMIT/CHECKPOINT, the writing clauses, and nesting deeper than :data:`MAX_NESTING`
(LadybugDB's parser recurses and overflows its stack near 2,200 levels; nested CASE costs time
exponential in its depth, 4.7 s at 20).

Why no library: graphglot 0.14.3 rejects LadybugDB's dialect (``* SHORTEST``, ``label(r)``,
lambdas), fails on two of the project's named queries and raises RecursionError at 100
parentheses; antlr4-cypher 0.1.2 (the grammars-v4 openCypher grammar) rejects ten of them.
The database still parses what passes here: this gate decides what may run, not every detail
of the syntax.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import (ClauseRefusedError, CommentRefusedError, CypherSyntaxError, CypherTooLongError,
                      MultipleStatementsError, NestingTooDeepError, WriteRefusedError)

MAX_CHARS = 20_000
MAX_NESTING = 40  # brackets, CASE and subqueries, all together
MAX_CASE_NESTING = 6

# The tokens are those of LadybugDB's lexer (openCypher's grammar as LadybugDB extends it), so that
# the gate and the engine cannot disagree on where a string, a name or a comment ends:
# - comments are refused outright: the engine ends ``/* ... */`` by its own rule
#   ('/*' ( ~[*] | '*' ~[/] )* '*/', so ``/* **/`` does not end there) and ``//`` at \n or \r;
#   a gate that reads one differently lets the engine run what it took for a comment;
# - a string takes only the escapes the engine knows (\\ \' \" \b \f \n \r \t \uXXXX
#   \UXXXXXXXX): any other backslash is refused instead of guessed at;
# - whitespace is what both call whitespace; any other character outside a string or a
#   backtick name (NUL, NEL, a lone surrogate, a full-width semicolon ...) is refused.
SPACE = " \t\n\r\v\f\x1c\x1d\x1e\x1f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_ESCAPE = r"""\\(?:[\\'"bfnrtBFNRT]|[uU][0-9A-Fa-f]{4}(?:[0-9A-Fa-f]{4})?)"""
_TOKEN = re.compile(rf"""
    (?P<space>[{SPACE}]+)
  | (?P<comment>//|/\*)
  | (?P<string>'(?:[^'\\\x00]|{_ESCAPE})*'|"(?:[^"\\\x00]|{_ESCAPE})*")
  | (?P<name>`(?:[^`\x00]|``)*`)
  | (?P<param>\$(?:[^\W\d]\w*|[0-9]+|`(?:[^`\x00]|``)*`))
  | (?P<number>0[xX][0-9A-Fa-f]+|0o[0-7]+|[0-9]+\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<op><>|<=|>=|=~|->|<-|\.\.|::|!=|\|\||/|[-+*%^=<>(){{}}\[\],.:;|!&~])
""", re.X)
SURROGATE = re.compile("[\ud800-\udfff]")

# clause words a read query is made of; anything else at a clause's place is not a read
CLAUSES = {"MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "WHERE", "ORDER", "SKIP", "LIMIT", "UNION"}
REFUSED = {
    **dict.fromkeys(("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "FOREACH",
                     "RENAME", "TRUNCATE", "COMMENT"), "write_clause"),
    **dict.fromkeys(("CALL", "YIELD"), "call"),
    **dict.fromkeys(("LOAD", "COPY", "EXPORT", "IMPORT"), "file_clause"),
    **dict.fromkeys(("INSTALL", "UNINSTALL", "UPDATE", "ATTACH", "USE"), "extension_clause"),
    **dict.fromkeys(("BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT"), "transaction_clause"),
    **dict.fromkeys(("EXPLAIN", "PROFILE", "SHOW", "GRANT", "DENY", "REVOKE", "START", "STOP", "TERMINATE",
                     "ENABLE", "DISABLE"), "not_a_query"),
}
WHY = {"write_clause": "writes to the graph", "call": "runs a procedure or changes a setting (CALL timeout=0)",
       "file_clause": "reads or writes files on the server", "extension_clause": "installs or loads extensions "
       "or switches databases", "transaction_clause": "controls transactions", "not_a_query": "is not a query"}
# words that may follow a complete operand inside an expression or a pattern
AFTER_OPERAND = {"AND", "OR", "XOR", "NOT", "IN", "IS", "NULL", "STARTS", "ENDS", "CONTAINS", "AS", "ASC", "DESC",
                 "ASCENDING", "DESCENDING", "WHEN", "THEN", "ELSE", "END", "BY", "ALL", "DISTINCT", "SHORTEST",
                 "WSHORTEST", "TRAIL", "ACYCLIC"}
SUBQUERY_OPENERS = {"EXISTS", "COUNT", "COLLECT"}
_OPEN, _CLOSE = {"(": ")", "[": "]", "{": "}"}, {")", "]", "}"}


@dataclass(frozen=True)
class Token:
    kind: str  # word, name, string, number, param, op
    text: str
    pos: int

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "word" else ""

    def ends_operand(self) -> bool:
        return self.kind in ("name", "string", "number", "param") or self.text in _CLOSE or (
            self.kind == "word" and self.upper not in AFTER_OPERAND | CLAUSES | SUBQUERY_OPENERS | {"CASE"})


def where(text: str, pos: int) -> dict:
    """Line and column (from 1) of a character offset."""
    line = text.count("\n", 0, pos) + 1
    return {"line": line, "column": pos - (text.rfind("\n", 0, pos) + 1) + 1}


def tokenize(text: str) -> list[Token]:
    """The tokens of a Cypher text, without spaces; a comment is refused.

    >>> [t.text for t in tokenize("MATCH (a:`x y`) RETURN a.k, $p, 1..3, 'it\\\\'s'")]
    ['MATCH', '(', 'a', ':', '`x y`', ')', 'RETURN', 'a', '.', 'k', ',', '$p', ',', '1', '..', '3', ',', "'it\\\\'s'"]
    >>> tokenize("RETURN 'open")
    Traceback (most recent call last):
    ...
    policykg.errors.CypherSyntaxError: unterminated string, or an escape LadybugDB does not know (line 1, column 8)
    >>> tokenize("/* **/ RETURN 1")
    Traceback (most recent call last):
    ...
    policykg.errors.CommentRefusedError: comments are refused in ad-hoc Cypher: remove '/*' (line 1, column 1)
    """
    bad = SURROGATE.search(text)
    if bad:
        raise CypherSyntaxError("the query holds a lone surrogate (text that is not valid Unicode)",
                                **where(text, bad.start()))
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            c = text[pos]
            what = {"'": "unterminated string, or an escape LadybugDB does not know", '"': "unterminated string, "
                    "or an escape LadybugDB does not know", "`": "unterminated backtick name",
                    "$": "a $ that starts no parameter name"}.get(c)
            raise CypherSyntaxError(what or f"unexpected character {c!r} (U+{ord(c):04X})", token=c,
                                    **where(text, pos))
        if m.lastgroup == "comment":
            raise CommentRefusedError(f"comments are refused in ad-hoc Cypher: remove {m.group()!r}",
                                      token=m.group(), **where(text, pos))
        if m.lastgroup != "space":
            out.append(Token(m.lastgroup, m.group(), pos))
        pos = m.end()
    return out


@dataclass
class _Part:
    """The clause state of one query level: the statement itself or a { subquery }."""
    subquery: bool
    last: str | None = None  # the clause being read
    projection: str | None = None  # WITH or RETURN once one was read in this part
    returned: bool = False
    body: int = 0  # tokens since the clause word


class _Parser:
    def __init__(self, text: str, tokens: list[Token]):
        self.text, self.tokens = text, tokens
        self.stack: list[tuple[str, Token]] = []  # open brackets, CASE and subqueries
        self.parts = [_Part(subquery=False)]

    def fail(self, cls, message: str, tok: Token, **detail):
        raise cls(message, token=tok.text, **detail, **where(self.text, tok.pos))

    def run(self) -> list[str]:
        clauses = []
        for i, tok in enumerate(self.tokens):
            prev = self.tokens[i - 1] if i else None
            nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
            part = self.parts[-1]  # the level this token belongs to (a "{" opens the next one)
            if tok.kind == "op":
                self.op(tok, prev)
            elif tok.kind == "word" and not self.is_name(prev, nxt):
                word = self.word(tok, prev, nxt)
                if word:
                    clauses.append(word)
                    continue
            elif prev is not None and prev.ends_operand():
                self.fail(CypherSyntaxError, f"unexpected {tok.text!r} after {prev.text!r}", tok)
            part.body += 1
        if self.stack:
            self.fail(CypherSyntaxError, f"{self.stack[-1][1].text!r} is never closed", self.stack[-1][1])
        self.end_part(self.parts.pop(), self.tokens[-1])
        return clauses

    @staticmethod
    def is_name(prev: Token | None, nxt: Token | None) -> bool:
        """A word used as a property key, label, map key or variable before a label."""
        return (prev is not None and prev.text in (".", ":", "::")) or (nxt is not None and nxt.text == ":")

    def op(self, tok: Token, prev: Token | None) -> None:
        if tok.text == ";":
            self.fail(MultipleStatementsError, "';' is refused: send one statement", tok)
        if tok.text in _OPEN:
            kind = "subquery" if prev is not None and prev.upper in SUBQUERY_OPENERS and tok.text == "{" else tok.text
            self.push(kind, tok)
        elif tok.text in _CLOSE:
            if not self.stack or self.stack[-1][0] == "CASE" or _OPEN.get(self.stack[-1][1].text) != tok.text:
                self.fail(CypherSyntaxError, f"unbalanced {tok.text!r}", tok)
            kind, _ = self.stack.pop()
            if kind == "subquery":
                self.end_part(self.parts.pop(), tok)

    def push(self, kind: str, tok: Token) -> None:
        self.stack.append((kind, tok))
        if len(self.stack) > MAX_NESTING:
            self.fail(NestingTooDeepError, f"nested more than {MAX_NESTING} deep", tok, limit=MAX_NESTING)
        if kind == "CASE" and sum(k == "CASE" for k, _ in self.stack) > MAX_CASE_NESTING:
            self.fail(NestingTooDeepError, f"CASE nested more than {MAX_CASE_NESTING} deep", tok,
                      limit=MAX_CASE_NESTING)
        if kind == "subquery":
            self.parts.append(_Part(subquery=True))

    def word(self, tok: Token, prev: Token | None, nxt: Token | None) -> str | None:
        """Handle a keyword; return the clause it starts, if it starts one."""
        w = tok.upper
        if w in REFUSED:
            reason = REFUSED[w]
            cls = WriteRefusedError if reason == "write_clause" else ClauseRefusedError
            kw = {} if cls is WriteRefusedError else {"reason": reason}
            self.fail(cls, f"{w} is refused: it {WHY[reason]}, and ad-hoc Cypher is read-only", tok, clause=w, **kw)
        if w == "CASE":
            self.push("CASE", tok)
        elif w == "END":
            if not self.stack or self.stack[-1][0] != "CASE":
                self.fail(CypherSyntaxError, "END without CASE", tok)
            self.stack.pop()
        elif w in CLAUSES and not (w == "WITH" and prev is not None and prev.upper in ("STARTS", "ENDS")):
            if w == "WHERE" and self.stack and self.stack[-1][0] != "subquery":
                return None  # [x IN list WHERE ...], all(x IN l WHERE ...), recursive-relationship filters
            self.clause(w, tok, nxt)
            return w
        elif prev is not None and prev.ends_operand() and w not in AFTER_OPERAND:
            self.fail(CypherSyntaxError, f"unexpected {tok.text!r} after {prev.text!r}", tok)
        return None

    def clause(self, w: str, tok: Token, nxt: Token | None) -> None:
        """Check that clause ``w`` may follow what this query level has read so far."""
        if self.stack and self.stack[-1][0] != "subquery":
            self.fail(CypherSyntaxError, f"{w} inside an expression", tok)
        part = self.parts[-1]
        if part.last is None and part.body:
            self.fail(CypherSyntaxError, f"unexpected text before {w}: a query starts with a clause", tok)
        if part.last is not None and part.body == 0 and part.last not in ("UNION", "OPTIONAL"):
            self.fail(CypherSyntaxError, f"{part.last} has nothing after it", tok)
        if w == "MATCH" and part.last == "OPTIONAL":
            part.last, part.body = "MATCH", 0
            return
        allowed = self.allowed(part, w)
        if not allowed:
            self.fail(CypherSyntaxError, f"{w} cannot follow {part.last or 'the start of the query'}", tok)
        if w == "UNION":
            self.end_part(part, tok)
            part.projection = None
            part.returned = False
        elif w in ("WITH", "RETURN"):
            part.projection, part.returned = w, w == "RETURN"
        elif w in ("MATCH", "OPTIONAL", "UNWIND"):
            part.projection = None
        part.last, part.body = w, 0
        if w in ("OPTIONAL", "ORDER"):
            if nxt is None or nxt.upper != {"OPTIONAL": "MATCH", "ORDER": "BY"}[w]:
                self.fail(CypherSyntaxError, f"{w} must be followed by {'MATCH' if w == 'OPTIONAL' else 'BY'}", tok)

    @staticmethod
    def allowed(part: _Part, w: str) -> bool:
        last, proj = part.last, part.projection
        if part.returned and w not in ("ORDER", "SKIP", "LIMIT", "UNION"):
            return False
        if w in ("MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN"):
            return True
        if w == "WHERE":
            return last == "MATCH" or (proj == "WITH" and last in ("WITH", "ORDER", "SKIP", "LIMIT"))
        if w == "ORDER":
            return last in ("WITH", "RETURN")
        if w == "SKIP":
            return proj is not None and last in ("WITH", "RETURN", "ORDER")
        if w == "LIMIT":
            return proj is not None and last in ("WITH", "RETURN", "ORDER", "SKIP")
        return w == "UNION" and part.returned and not part.subquery

    def end_part(self, part: _Part, tok: Token) -> None:
        if part.last is None and not part.subquery:
            self.fail(CypherSyntaxError, "a query starts with MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN", tok)
        if part.last is not None and part.body == 0:
            self.fail(CypherSyntaxError, f"{part.last} has nothing after it", tok)
        if not part.subquery and not part.returned:
            self.fail(CypherSyntaxError, "a read query ends with RETURN", tok)


def check_read_query(cypher: str, *, max_chars: int = MAX_CHARS) -> list[str]:
    """Refuse ``cypher`` unless it is one read-only query; return its clause words.

    >>> check_read_query("MATCH (a:Agency) WHERE a.name STARTS WITH '省' RETURN a.key ORDER BY a.key LIMIT 5")
    ['MATCH', 'WHERE', 'RETURN', 'ORDER', 'LIMIT']
    >>> check_read_query("CALL timeout=0")
    Traceback (most recent call last):
    ...
    policykg.errors.ClauseRefusedError: CALL is refused: it runs a procedure or changes a setting \
(CALL timeout=0), and ad-hoc Cypher is read-only (line 1, column 1)
    """
    if len(cypher) > max_chars:
        raise CypherTooLongError(f"the query has {len(cypher)} characters, over the limit of {max_chars}",
                                 limit=max_chars)
    tokens = tokenize(cypher)
    if not tokens:
        raise CypherSyntaxError("the query is empty", line=1, column=1)
    return _Parser(cypher, tokens).run()
