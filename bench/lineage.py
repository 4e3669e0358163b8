"""Lineage extraction against the hand-made test set in tests/gold/lineage (issue 14).

    python bench/lineage.py [--shared ../shared] [--show]

Runs ``ingest/extract/lineage.py`` over every file of ``corpus/wild``, ``corpus/seeds`` and
``corpus/dev`` (cleaned as ingest cleans them) and prints, with counts:

- repeals: recall over the gold items, precision over everything extracted from all wild and
  seeds files (the gold lists every repeal in them, so an extra one is a false positive);
- cited titles: recall and precision over the 29 annotated files, role and number accuracy;
- joint issuers: names from headings (before 关于) and from signature blocks;
- citation pairs: for each gold pair, whether a cited record of the lower document names the
  upper one by number or by a title variant (what phase 2 will resolve), and how many
  look-alike negatives the same test would wrongly link;
- the time the functions take over the corpus.
``--show`` prints every miss and false positive.
"""
from __future__ import annotations

import argparse
import csv
import json
import pathlib
import re
import sys
import time
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[1]
if not __package__:  # run as a script (python bench/lineage.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(ROOT))
GOLD = ROOT / "tests" / "gold" / "lineage"

from rapidfuzz import fuzz  # noqa: E402

from policykg.ingest.extract.header import parse_header  # noqa: E402
from policykg.ingest.extract.issuer import issuers_in_title  # noqa: E402
from policykg.ingest.extract.lineage import distinct_cited, find_cited, find_repeals, find_validity  # noqa: E402
from policykg.ingest.read import read_cleaned  # noqa: E402
from policykg.vocab.docnumbers import number_key  # noqa: E402
from policykg.vocab.titles import title_key, title_variants  # noqa: E402


@dataclass
class Score:
    found: int = 0  # matched items
    gold: int = 0
    extracted: int = 0
    notes: list[str] = field(default_factory=list)  # misses and false positives

    @property
    def recall(self) -> float:
        return self.found / max(1, self.gold)

    @property
    def precision(self) -> float:
        return self.found / max(1, self.extracted)


def same_doc(a_title, a_number, b_title, b_number) -> bool:
    """Equal numbers, or (when either lacks one) equal titles."""
    if a_number and b_number:
        return number_key(a_number) == number_key(b_number)
    return bool(a_title and b_title and title_key(a_title) == title_key(b_title))


def load_texts(shared: pathlib.Path) -> dict[str, str]:
    out = {}
    for sub in ("wild", "seeds", "dev"):
        for p in sorted((shared / "corpus" / sub).glob("*.txt")):
            out[f"{sub}/{p.name}"] = read_cleaned(p).text
    return out


def _gold(name: str) -> dict:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


def score_repeals(texts: dict[str, str]) -> tuple[Score, int]:
    """(score, items whose partial flag is right)."""
    items = [dict(g, path=next(p for p in (f"wild/{g['file']}", f"seeds/{g['file']}") if p in texts))
             for g in _gold("repeals.json")["items"]]
    found = {p: find_repeals(x) for p, x in texts.items() if not p.startswith("dev/")}
    s = Score(gold=len(items), extracted=sum(len(rs) for rs in found.values()))
    partial_ok = 0
    for g in items:
        m = next((r for r in found[g["path"]] if same_doc(g["title"], g["number"], r.title, r.number)), None)
        s.found += m is not None
        partial_ok += m is not None and m.partial == g["partial"]
        if m is None:
            s.notes.append(f"MISS {g['path']}: {g['title']} {g['number']}")
    for p, rs in found.items():
        for r in rs:
            if not any(g["path"] == p and same_doc(g["title"], g["number"], r.title, r.number) for g in items):
                s.notes.append(f"FP   {p}: {r.title} {r.number} [{r.rule} {r.trigger}]")
    return s, partial_ok


def _matches(g: dict, c) -> bool:
    return same_doc(g["title"], g["number"], c.title, c.number) or title_key(g["title"]) == title_key(c.title)


def score_cited(texts: dict[str, str]) -> tuple[Score, int, int]:
    """(score, roles right, numbers right) over the annotated files."""
    s, roles, numbers = Score(), 0, 0
    for doc in _gold("citations.json")["documents"]:
        got = distinct_cited(find_cited(texts[doc["file"]]))
        s.gold += len(doc["cited"])
        s.extracted += len(got)
        for g in doc["cited"]:
            m = next((c for c in got if _matches(g, c)), None)
            if m is None:
                s.notes.append(f"MISS {doc['file']}: {g['title']} {g['number']}")
                continue
            s.found += 1
            roles += m.role == g["role"]
            numbers += number_key(m.number or "") == number_key(g["number"] or "")
            if m.role != g["role"]:
                s.notes.append(f"ROLE {doc['file']}: {g['title']} gold {g['role']} got {m.role} ({m.rule})")
        s.notes += [f"FP   {doc['file']}: {c.title} {c.number} {c.role}" for c in got
                    if not any(_matches(g, c) for g in doc["cited"])]
    return s, roles, numbers


def score_issuers(texts: dict[str, str]) -> dict[str, tuple[Score, int]]:
    """{headings|signatures: (names score, blocks exactly right)}: the header's issuers of a title
    (``issuers_in_title``) and of a whole document (``parse_header``: the title's, or every body
    of the signature block)."""
    gold, out = _gold("issuers.json"), {}
    for part in ("headings", "signatures"):
        s, exact = Score(), 0
        for g in gold[part]:
            if part == "headings":
                got = issuers_in_title(g["heading"])
            else:
                got = parse_header(texts[g["file"]]).issuers
            s.gold, s.extracted = s.gold + len(g["issuers"]), s.extracted + len(got)
            s.found += len(set(got) & set(g["issuers"]))
            exact += got == g["issuers"]
            if got != g["issuers"]:
                s.notes.append(f"ISSUERS {g['file']}: gold {g['issuers']} got {got}")
        out[part] = (s, exact)
    return out


def _keys(title: str | None, number: str | None) -> set[str]:
    keys = {f"t:{k}" for k in title_variants(title)} if title else set()
    return keys | ({f"n:{number_key(number)}"} if number else set())


class PairLinker:
    """Does a cited record of one corpus document name another corpus document?  By an equal
    number, or a title variant of the other's own title (its header, its SOURCES title, the
    plan it attaches or reports); with ``fuzzy``, titles at rapidfuzz ratio >= 95."""

    def __init__(self, texts: dict[str, str], shared: pathlib.Path):
        self.texts, self.titles = texts, {}
        for sub in ("wild", "dev"):
            with open(shared / "corpus" / sub / "SOURCES.tsv", encoding="utf-8") as f:
                for row in csv.DictReader(f, delimiter="\t"):
                    self.titles[f"{sub}/{row.get('file') or row.get('name')}"] = row["title"]

    def own_keys(self, path: str) -> set[str]:
        text = self.texts[path]
        h = parse_header(text)
        source_title = re.sub(r"^(?:【[^】]*】)+", "", self.titles.get(path, "")).strip("《》")
        keys = _keys(h.title, h.doc_number) | _keys(source_title, None)
        for c in find_cited(text):
            if c.role in ("attached", "issued") and c.start < 1500:
                keys |= _keys(c.title, None)
        return keys

    def cited_keys(self, path: str):
        for c in find_cited(self.texts[path]):
            yield _keys(c.title, c.number)
            for inner, _rel in c.inner:
                yield _keys(inner, None)

    def linked(self, lower: str, upper: str, fuzzy: bool = False) -> bool:
        want = self.own_keys(upper)
        if any(keys & want for keys in self.cited_keys(lower)):
            return True
        return fuzzy and any(fuzz.ratio(k, w) >= 95 for keys in self.cited_keys(lower) for k in keys
                             for w in want if k[0] == w[0] == "t")


def score_pairs(texts: dict[str, str], shared: pathlib.Path) -> tuple[Score, int, int]:
    """(pairs named exactly, pairs named with fuzzy titles too, negatives that match)."""
    gold, linker = _gold("pairs.json"), PairLinker(texts, shared)
    s = Score(gold=len(gold["pairs"]))
    fuzzy = 0
    for p in gold["pairs"]:
        lo, up = p["lower"]["file"], p["upper"]["file"]
        exact = linker.linked(lo, up)
        s.found += exact
        fuzzy += exact or linker.linked(lo, up, True)
        if not exact:
            s.notes.append(f"MISS {lo} -> {up} ({p['basis']})")
    wrong = [n for n in gold["negatives"] if linker.linked(n["lower"], n["upper"], True)]
    s.notes += [f"LOOKALIKE {n['lower']} -> {n['upper']}: {n['why']}" for n in wrong]
    return s, fuzzy, len(wrong)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=pathlib.Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", action="store_true", help="print misses and false positives")
    a = ap.parse_args()
    t = time.perf_counter()
    texts = load_texts(a.shared)
    mb = sum(len(x.encode("utf-8")) for x in texts.values()) / 1e6
    print(f"corpus: {len(texts)} files, {mb:.1f} MB cleaned in {time.perf_counter() - t:.1f} s")
    s, partial_ok = score_repeals(texts)
    print(f"repeals: recall {s.recall:.3f} ({s.found}/{s.gold} gold items), precision {s.precision:.3f} "
          f"({s.found}/{s.extracted} extracted from the wild and seeds files); partial flag right on {partial_ok}")
    notes = s.notes
    s, roles, numbers = score_cited(texts)
    print(f"cited titles: recall {s.recall:.3f} ({s.found}/{s.gold}), precision {s.precision:.3f} "
          f"({s.found}/{s.extracted}) in 29 files; role right {roles}/{s.found}, number right {numbers}/{s.found}")
    notes += s.notes
    for part, (s, exact) in score_issuers(texts).items():
        print(f"joint issuers, {part}: {exact} blocks exactly right; names recall {s.recall:.3f} ({s.found}/{s.gold}), "
              f"precision {s.precision:.3f} ({s.found}/{s.extracted})")
        notes += s.notes
    s, fuzzy, wrong = score_pairs(texts, a.shared)
    print(f"citation pairs: {s.found}/{s.gold} gold pairs named by an extracted citation (equal number or title "
          f"variant), {fuzzy} with fuzzy titles; {wrong} look-alike negatives match on titles too "
          f"(phase 2 weighs issuer, region and date)")
    notes += s.notes
    if a.show:
        print("\n".join("  " + n for n in notes))
    t = time.perf_counter()
    for x in texts.values():
        find_cited(x)
        find_repeals(x)
        find_validity(x)
    secs = time.perf_counter() - t
    print(f"speed: cited + repeals + validity over {mb:.1f} MB in {secs:.1f} s "
          f"({mb / secs:.2f} MB/s)")


if __name__ == "__main__":
    main()
