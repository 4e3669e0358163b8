"""Words as data: every word list lives once in vocab/, and rules build their patterns from it.

Three checks over the source, read with the ast module (no import, nothing run):

- no regular expression outside ``vocab/`` spells out ten or more Chinese words as alternatives
  of one group (``通知|意见|方案|…``): string constants are read whole, implicitly concatenated
  strings and ``+``-joined constants as one, f-strings with their constant parts (a formatted value
  counts as one alternative holding no word); every group of the pattern is counted on its own;
- no module-level word list of ten or more Chinese words stands outside ``vocab/`` in the
  product's folders (``bench/`` and ``tools/`` generate or evaluate text: their lists are data for
  that, not vocabulary);
- no word list is defined twice: no public name is bound in two modules of ``vocab/`` (two
  ``DOC_KINDS``, two ``ROLE_WORDS``), and no two word lists hold the same words.
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("ingest", "graph", "queries", "api", "viz", "policykg", "tools", "bench")
PRODUCT = ("ingest", "graph", "queries", "api", "viz", "policykg")
LIMIT = 10  # Chinese alternatives in one group
CJK = re.compile(r"[\u3400-\u9fff]")
HOLE = "\x00"  # a formatted value of an f-string, or a nested group: an alternative of its own

# places that other engineers own this hour: the lead moves their words at the merge, then drops the mark
PENDING = {
}
PENDING_NAMES = {
}


def python_files(folders=FOLDERS):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if ".venv" not in path.parts:
                yield path


def _text(node) -> str | None:
    """The constant text of a string expression: a constant, an f-string (holes marked), or
    constants joined with ``+``; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else HOLE for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        if left is not None or right is not None:
            return (left if left is not None else HOLE) + (right if right is not None else HOLE)
    return None


def strings(tree: ast.AST):
    """``(line, text)`` of every maximal string expression of a module."""
    inner = set()
    for node in ast.walk(tree):
        if id(node) in inner:
            continue
        text = _text(node)
        if text is not None:
            inner.update(id(n) for n in ast.walk(node))
            yield node.lineno, text


def groups(pattern: str) -> list[list[str]]:
    """The alternatives of every group of a pattern (the whole pattern is a group too); a nested
    group stands in its parent as a hole; escapes and character classes are kept whole."""
    stack, done, i, in_class = [[""]], [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            stack[-1][-1] += pattern[i:i + 2]
            i += 2
            continue
        if in_class or c == "[":
            in_class = c != "]" if in_class else True
            stack[-1][-1] += c
        elif c == "(":
            stack[-1][-1] += HOLE
            stack.append([""])
        elif c == ")" and len(stack) > 1:
            done.append(stack.pop())
        elif c == "|":
            stack[-1].append("")
        else:
            stack[-1][-1] += c
        i += 1
    return done + stack


def word_alternations(source: str, limit: int = LIMIT) -> list[tuple[int, int, str]]:
    """``(line, count, alternatives)`` of every group with ``limit`` or more Chinese alternatives.

    >>> word_alternations('X = r"(?:通知|意见)"')
    []
    >>> word_alternations('X = "一|二|三"', limit=3)
    [(1, 3, '一|二|三')]
    """
    out = []
    for line, text in strings(ast.parse(source)):
        if "|" not in text:
            continue
        for alternatives in groups(text):
            words = [a for a in alternatives if CJK.search(a)]
            if len(words) >= limit:
                out.append((line, len(words), "|".join(words).replace(HOLE, "(…)")))
    return out


def word_lists(tree: ast.AST):
    """``(line, name, words)`` of module-level tuples, lists and sets of strings (also inside
    ``frozenset(...)``), with their Chinese words."""
    for node in tree.body:
        if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
            continue
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        value = node.value
        if isinstance(value, ast.Call) and value.args and getattr(value.func, "id", "") in ("frozenset", "set", "tuple"):
            value = value.args[0]
        if isinstance(target, ast.Name) and isinstance(value, (ast.Tuple, ast.List, ast.Set)):
            words = [e.value for e in value.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str) and CJK.search(e.value)]
            yield node.lineno, target.id, words


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _file_params():
    for path in python_files():
        rel = _rel(path)
        marks = [pytest.mark.xfail(strict=True, reason=PENDING[rel])] if rel in PENDING else []
        yield pytest.param(path, id=rel, marks=marks)


@pytest.mark.parametrize("path", list(_file_params()))
def test_no_word_alternation_outside_vocab(path: Path):
    found = word_alternations(path.read_text(encoding="utf-8"))
    assert not found, (
        f"{_rel(path)} spells out Chinese words as a regex alternation; put the words in a list in vocab/ "
        "(a tuple with a comment saying what they are) and build the pattern with vocab.words.alternation:\n"
        + "\n".join(f"  line {line}: {n} words: {words[:120]}" for line, n, words in found))


def test_no_word_list_outside_vocab():
    found = [f"{_rel(path)}:{line} {name} ({len(words)} words)"
             for path in python_files(PRODUCT) for line, name, words in word_lists(ast.parse(path.read_text("utf-8")))
             if len(words) >= LIMIT]
    assert not found, "word lists belong in vocab/:\n" + "\n".join(found)


def _vocab_names():
    names = defaultdict(list)
    for path in sorted((ROOT / "vocab").glob("*.py")):
        for node in ast.parse(path.read_text("utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            for t in targets:
                if isinstance(t, ast.Name) and not t.id.startswith("_") and t.id.isupper():
                    names[t.id].append(_rel(path))
    return names


def _name_params():
    names = _vocab_names()
    for name in sorted(set(names) | set(PENDING_NAMES)):
        marks = [pytest.mark.xfail(strict=True, reason=PENDING_NAMES[name])] if name in PENDING_NAMES else []
        yield pytest.param(name, names, id=name, marks=marks)


@pytest.mark.parametrize("name,names", list(_name_params()))
def test_vocab_binds_each_name_once(name, names):
    assert len(names[name]) <= 1, f"{name} is defined in {', '.join(names[name])}: one list, one place"


def test_no_word_list_defined_twice():
    seen, twice = {}, []
    for path in python_files(PRODUCT + ("vocab",)):
        for line, name, words in word_lists(ast.parse(path.read_text("utf-8"))):
            if len(words) < 3:
                continue
            key = frozenset(words)
            if key in seen:
                twice.append(f"{_rel(path)}:{line} {name} holds the words of {seen[key]}")
            else:
                seen[key] = f"{_rel(path)}:{line} {name}"
    assert not twice, "the same word list is defined twice:\n" + "\n".join(twice)


# --- the checks themselves can fail ------------------------------------------------------------
TEN = "|".join("甲乙丙丁戊己庚辛壬癸")


@pytest.mark.parametrize("source", [
    f'X = re.compile(r"(?:{TEN})")',  # a constant
    f'X = re.compile(r"^(?:甲甲|乙乙|丙丙|丁丁|戊戊|"\n r"己己|庚庚|辛辛|壬壬|癸癸)$")',  # implicitly concatenated
    f'X = re.compile(rf"{{A}}(?:{TEN})\\s*")',  # an f-string's constant part
    f'X = re.compile("(?:甲|乙|丙|丁|戊|" + "己|庚|辛|壬|癸)")',  # constants joined with +
    f'def f(s):\n    return re.match(r"[一二](?:{TEN})", s)',  # inside a function
])
def test_a_written_out_alternation_is_found(source):
    assert [n for _, n, _ in word_alternations(source)] == [10]


@pytest.mark.parametrize("source", [
    'X = re.compile(r"(?:甲|乙|丙|丁|戊|己|庚|辛|壬)")',  # nine
    'X = re.compile(r"(?:甲|乙|丙|丁|戊)(?:己|庚|辛|壬|癸)")',  # two groups of five
    'X = re.compile(alternation(WORDS) + r"(?:甲|乙)")',  # built from a list
    'X = re.compile(r"[甲|乙|丙|丁|戊|己|庚|辛|壬|癸]")',  # a character class
    f'X = re.compile(f"(?:{{A}}|{{B}}|{{C}}|{{D}}|{{E}}|{{F}}|{{G}}|{{H}}|{{I}}|{{J}}|甲)")',  # holes hold no word
])
def test_a_short_or_built_alternation_passes(source):
    assert word_alternations(source) == []


def test_a_list_written_twice_is_found(tmp_path):
    tree = ast.parse('A = ("甲", "乙", "丙")\nB = frozenset(("丙", "乙", "甲"))\nC = ["甲", "乙"]')
    lists = {name: frozenset(words) for _, name, words in word_lists(tree)}
    assert lists["A"] == lists["B"] != lists["C"]
