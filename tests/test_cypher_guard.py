"""The read-only gate for ad-hoc Cypher (queries/guard.py): what passes, what is refused and why."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.errors import (ClauseRefusedError, CommentRefusedError, CypherRefusedError, CypherSyntaxError, CypherTooLongError,
                             MultipleStatementsError, NestingTooDeepError, QueryError, ReadOnlyViolationError,
                             WriteRefusedError)
from policykg.queries import registry
from policykg.queries.guard import MAX_CASE_NESTING, MAX_NESTING, REFUSED, check_read_query, tokenize

READS = [
    "MATCH (a:Agency) WHERE a.region = $r RETURN a.name AS name ORDER BY name LIMIT 5",
    "OPTIONAL MATCH (a)-[r:RESPONSIBLE_FOR]->(t:Task) RETURN a, count(t) AS n",
    "MATCH (a) WITH a ORDER BY a.key DESC SKIP 2 LIMIT 3 WHERE a.key <> '' RETURN a.key",
    "UNWIND range(1, 10) AS i WITH i WHERE i % 2 = 0 RETURN collect(i)",
    "MATCH (a:Agency) RETURN a.key AS k UNION ALL MATCH (d:Document) RETURN d.key AS k",
    "MATCH (a:Agency) RETURN a.key AS k UNION MATCH (d:Document) RETURN d.key AS k",
    "MATCH p = (a:Agency)-[* SHORTEST 1..4]-(b:Agency) RETURN length(p), list_transform(rels(p), r -> label(r))",
    "MATCH (a)-[:A|B*1..3]->(b {key: $k}) RETURN DISTINCT b.name",
    "RETURN [x IN range(1, 10) WHERE x % 2 = 0 | x * 2] AS evens, CASE WHEN 1 > 0 THEN 'y' ELSE 'n' END",
    "MATCH (a) WHERE EXISTS { MATCH (a)-->(b:Task) WHERE b.text CONTAINS '目标' } RETURN a.name",
    "MATCH (a) WHERE a.name STARTS WITH '省' AND NOT a.name ENDS WITH '局' RETURN a",
    "MATCH (a) WHERE a.name = 'CREATE (x); CALL timeout=0 // /*' RETURN a",
    "MATCH (a) RETURN a.`SET`, a.delete, {create: 1, call: 2}, '/* LOAD FROM \"/etc/passwd\" */'",
    "MATCH (set:Agency) RETURN 1",
    "RETURN $`odd name`, $0, 0x1F, 1.5e3, -2",
    "MATCH (a:Agency) RETURN a.key ORDER BY a.key SKIP 100000 LIMIT 10",  # valid: the sandbox survives it
]

REFUSALS = [  # (query, error class, reason)
    ("CALL read_csv_serial('/x.csv') RETURN *", ClauseRefusedError, "call"),
    ("CALL timeout=0; MATCH p=(a)-[*1..30]-(b) RETURN count(*)", ClauseRefusedError, "call"),
    ("MATCH (a) RETURN a; CALL timeout=0", MultipleStatementsError, "multiple_statements"),
    ("RETURN 1;", MultipleStatementsError, "multiple_statements"),
    ("CALL threads=1", ClauseRefusedError, "call"),
    ("CALL show_tables() RETURN *", ClauseRefusedError, "call"),
    ("MATCH (a) CALL { MATCH (b) RETURN b } RETURN a", ClauseRefusedError, "call"),
    ("UPDATE json", ClauseRefusedError, "extension_clause"),
    ("INSTALL json", ClauseRefusedError, "extension_clause"),
    ("LOAD EXTENSION json", ClauseRefusedError, "file_clause"),
    ("ATTACH 'other.db' AS o (dbtype lbug)", ClauseRefusedError, "extension_clause"),
    ("USE o", ClauseRefusedError, "extension_clause"),
    ("LOAD FROM '/etc/passwd' RETURN *", ClauseRefusedError, "file_clause"),
    ("COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'", ClauseRefusedError, "file_clause"),
    ("EXPORT DATABASE '/tmp/x'", ClauseRefusedError, "file_clause"),
    ("IMPORT DATABASE '/tmp/x'", ClauseRefusedError, "file_clause"),
    ("BEGIN TRANSACTION", ClauseRefusedError, "transaction_clause"),
    ("CHECKPOINT", ClauseRefusedError, "transaction_clause"),
    ("EXPLAIN MATCH (a) RETURN a", ClauseRefusedError, "not_a_query"),
    ("CREATE (:Zone {key: 'x'})", WriteRefusedError, "write_clause"),
    ("MATCH (n) DETACH DELETE n", WriteRefusedError, "write_clause"),
    ("MATCH (n) SET n.x = 1 RETURN n", WriteRefusedError, "write_clause"),
    ("MERGE (a:A {k: 1}) RETURN a", WriteRefusedError, "write_clause"),
    ("MATCH (n) REMOVE n.x RETURN n", WriteRefusedError, "write_clause"),
    ("DROP TABLE Agency", WriteRefusedError, "write_clause"),
    ("ALTER TABLE Agency ADD x INT64", WriteRefusedError, "write_clause"),
    ("MATCH (a) WHERE EXISTS { MATCH (a)-->(b) CREATE (c) } RETURN a", WriteRefusedError, "write_clause"),
    ("MATCH (a) FOREACH (x IN [1] | SET a.x = x) RETURN a", WriteRefusedError, "write_clause"),
    ("RETURN " + "(" * 5000 + "1" + ")" * 5000, NestingTooDeepError, "nesting_too_deep"),
    ("RETURN " + "[" * 3000 + "1" + "]" * 3000, NestingTooDeepError, "nesting_too_deep"),
    ("RETURN " + "CASE WHEN true THEN " * 20 + "1" + " END" * 20, NestingTooDeepError, "nesting_too_deep"),
    ("MATCH (a:Agency RETURN a", CypherSyntaxError, "syntax"),
    ("MATCH (a) FOO (b) RETURN a", CypherSyntaxError, "syntax"),
    ("MATCH (a)", CypherSyntaxError, "syntax"),
    ("RETURN 1 2", CypherSyntaxError, "syntax"),
    ("RETURN 'unterminated", CypherSyntaxError, "syntax"),
    ("RETURN `unterminated", CypherSyntaxError, "syntax"),
    ("RETURN 1 /* unterminated", CommentRefusedError, "comment"),
    ("MATCH (a) /* c */ RETURN a", CommentRefusedError, "comment"),
    ("MATCH (a) RETURN a // c", CommentRefusedError, "comment"),
    ("/* **/ RETURN 1 AS a, '*/ LOAD FROM \"/etc/passwd\" RETURN * //' AS b", CommentRefusedError, "comment"),
    ("RETURN 'a\\q'", CypherSyntaxError, "syntax"),
    ("RETURN 'a\x00'", CypherSyntaxError, "syntax"),
    ("RETURN 1 AS a\ud800", CypherSyntaxError, "syntax"),
    ("RETURN 1)", CypherSyntaxError, "syntax"),
    ("RETURN (1]", CypherSyntaxError, "syntax"),
    ("RETURN a LIMIT 1 ORDER BY a", CypherSyntaxError, "syntax"),
    ("MATCH (a) RETURN a MATCH (b) RETURN b", CypherSyntaxError, "syntax"),
    ("MATCH (a) UNION MATCH (b) RETURN b", CypherSyntaxError, "syntax"),
    ("WHERE 1 = 1 RETURN 1", CypherSyntaxError, "syntax"),
    ("OPTIONAL (a) RETURN a", CypherSyntaxError, "syntax"),
    ("", CypherSyntaxError, "syntax"),
    ("   // only a comment", CommentRefusedError, "comment"),
]


@pytest.mark.parametrize("query", READS)
def test_read_queries_pass(query):
    assert check_read_query(query)[-1] in ("RETURN", "ORDER", "SKIP", "LIMIT")


@pytest.mark.parametrize("query,cls,reason", REFUSALS, ids=[q[:40] for q, _, _ in REFUSALS])
def test_refusals_name_their_reason(query, cls, reason):
    with pytest.raises(cls) as info:
        check_read_query(query)
    err = info.value
    assert type(err) is cls and err.detail["reason"] == reason
    assert err.detail["line"] >= 1 and err.detail["column"] >= 1
    assert isinstance(err, CypherRefusedError) and isinstance(err, QueryError)
    if cls is WriteRefusedError:  # the answer POST /cypher has always given to a write
        assert (err.http_status, err.code) == (403, "write_refused") and isinstance(err, ReadOnlyViolationError)
    else:
        assert err.http_status == 400 and err.code in ("cypher_refused", "bad_query")


def test_every_named_query_passes():
    """The project's own library, in every dialect, is what a read looks like (its notes to the
    reader, ``//`` lines, taken out: ad-hoc Cypher refuses comments)."""
    texts = [(q.name, d, "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")))
             for q in registry.all_queries() for d, text in [("common", q.cypher), *q.dialects.items()]]
    assert len(texts) >= 14
    for name, dialect, text in texts:
        assert check_read_query(text), (name, dialect)


def test_nesting_bound_is_exact():
    check_read_query("RETURN " + "(" * MAX_NESTING + "1" + ")" * MAX_NESTING)
    with pytest.raises(NestingTooDeepError):
        check_read_query("RETURN " + "(" * (MAX_NESTING + 1) + "1" + ")" * (MAX_NESTING + 1))
    n = MAX_CASE_NESTING
    check_read_query("RETURN " + "CASE WHEN true THEN " * n + "1" + " END" * n)
    with pytest.raises(NestingTooDeepError):
        check_read_query("RETURN " + "CASE WHEN true THEN " * (n + 1) + "1" + " END" * (n + 1))


def test_too_long():
    with pytest.raises(CypherTooLongError) as info:
        check_read_query("RETURN 1" + " " * 20_000)
    assert info.value.detail["reason"] == "too_long"


def test_position_names_the_token():
    with pytest.raises(ClauseRefusedError) as info:
        check_read_query("MATCH (a)\nWITH a\n  CALL db.labels() YIELD label RETURN label")
    assert (info.value.detail["line"], info.value.detail["column"], info.value.detail["token"]) == (3, 3, "CALL")


# --- properties ---------------------------------------------------------------------------
NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(lambda s: s.upper() not in REFUSED)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


def _quote(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


@st.composite
def read_queries(draw) -> tuple[str, list[str]]:
    """A read query built clause by clause, with arbitrary text inside its strings (comment markers
    included); returns it with the clause boundaries (offsets) where another clause could be spliced in."""
    v, key, lit = draw(NAMES), draw(NAMES), draw(ANY_TEXT)
    comment = draw(ANY_TEXT)
    parts = [f"MATCH ({v}:Agency)", f"WHERE {v}.{key} = {_quote(lit)} AND {v}.{key} <> {_quote('/* ' + comment)}"]
    if draw(st.booleans()):
        parts.append(f"WITH {v}, {draw(st.integers(0, 99))} AS n")
    if draw(st.booleans()):
        parts.append(f"UNWIND [1, 2] AS {draw(NAMES)}_x")
    parts.append(f"RETURN {v}.`{draw(NAMES)}` AS out")
    if draw(st.booleans()):
        parts.append("ORDER BY out")
    parts.append(f"LIMIT {draw(st.integers(1, 1000))}")
    return parts


@settings(max_examples=300, deadline=None)
@given(read_queries())
def test_generated_reads_pass(parts):
    assert check_read_query(" ".join(parts))[0] == "MATCH"


@settings(max_examples=300, deadline=None)
@given(read_queries(), st.sampled_from(sorted(REFUSED)), st.data())
def test_a_refused_clause_spliced_anywhere_is_refused(parts, word, data):
    at = data.draw(st.integers(0, len(parts)))
    text = " ".join(parts[:at] + [f"{word.lower()} (x)"] + parts[at:])
    with pytest.raises(CypherRefusedError) as info:
        check_read_query(text)
    assert info.value.detail["reason"] in (REFUSED[word], "syntax")
    if at > 0:  # after a clause, the word itself is what is refused
        assert info.value.detail["token"].upper() == word


@settings(max_examples=300, deadline=None)
@given(read_queries(), st.data())
def test_a_semicolon_outside_strings_is_refused(parts, data):
    at = data.draw(st.integers(1, len(parts)))
    with pytest.raises(CypherRefusedError) as info:
        check_read_query(" ".join(parts[:at]) + "; " + " ".join(parts[at:]))
    assert info.value.detail["reason"] in ("multiple_statements", "syntax")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_accepted_or_refused_cleanly(text):
    """Never another exception, and whatever passes has no refused word or ';' outside strings."""
    try:
        check_read_query(text)
    except CypherRefusedError:
        return
    toks = tokenize(text)
    assert not any(t.kind == "op" and t.text == ";" for t in toks)
    for i, t in enumerate(toks):
        if t.kind == "word" and t.upper in REFUSED:
            before = toks[i - 1].text if i else ""
            after = toks[i + 1].text if i + 1 < len(toks) else ""
            assert before in (".", ":", "::") or after == ":"  # a property, label or map key
