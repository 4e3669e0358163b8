"""Is the extraction of a corpus byte-identical between two checkouts?

A refactoring that should change nothing (word lists moved into ``vocab/``, say) is proved by
extracting the same corpus with the old code and the new and comparing, document by document::

    git worktree add --detach ../base main
    python tools/eval/same_output.py extract ../shared/corpus/wild OUT/base --checkout ../base
    python tools/eval/same_output.py extract ../shared/corpus/wild OUT/new
    python tools/eval/same_output.py compare OUT/base OUT/new

``extract`` writes one file per document (``policykg extract --with-text`` JSON, the cleaned text
included) with the code of ``--checkout`` (default: the installed one), reading the corpus's
``manifest.csv`` as ``policykg extract`` does; a document the extractor refuses is written as its
error. ``compare`` prints the number of documents and the names of those that differ, and exits 1
when any does.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path


def use_checkout(checkout: Path) -> None:
    """Import policykg from another checkout of the repository (an editable install maps the
    package names to folders of this checkout; point them at the same folders of the other)."""
    finder = importlib.import_module("__editable___policykg_0_1_0_finder")  # the editable install's own finder

    here = Path(finder.MAPPING["policykg"]).parent
    for table in (finder.MAPPING, finder.NAMESPACES):
        for name, where in table.items():
            swap = lambda p: str(checkout.resolve() / Path(p).relative_to(here))  # noqa: E731
            table[name] = [swap(p) for p in where] if isinstance(where, list) else swap(where)


def extract(corpus: Path, out: Path) -> int:
    # imported here, by name, because which checkout's code is read is chosen at run time
    InputError = importlib.import_module("policykg.errors").InputError
    discover = importlib.import_module("policykg.ingest.discover").discover
    extract_file = importlib.import_module("policykg.ingest.pipeline").extract_file
    out.mkdir(parents=True, exist_ok=True)
    found = discover([corpus], None)
    for f in found.files:
        try:
            doc = extract_file(f, found.meta_of(f, {}))  # a dict, text included
            body = json.dumps(doc, ensure_ascii=False, indent=1)
        except InputError as e:
            body = f"InputError: {e}"
        (out / f"{f.name}.json").write_text(body + "\n", encoding="utf-8")
    return len(found.files)


def compare(a: Path, b: Path) -> list[str]:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    differ = [n for n in names
              if not (a / n).exists() or not (b / n).exists() or (a / n).read_bytes() != (b / n).read_bytes()]
    print(f"{len(names)} documents, {len(differ)} differing")
    for n in differ:
        print("  differs:", n)
    return differ


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="verb", required=True)
    ex = sub.add_parser("extract", help="one JSON file per document of CORPUS into OUT")
    ex.add_argument("corpus", type=Path)
    ex.add_argument("out", type=Path)
    ex.add_argument("--checkout", type=Path, help="extract with the code of this checkout")
    cp = sub.add_parser("compare", help="are two extractions byte-identical?")
    cp.add_argument("a", type=Path)
    cp.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.verb == "extract":
        if args.checkout:
            use_checkout(args.checkout)
        print(f"{extract(args.corpus, args.out)} documents extracted into {args.out}")
        return 0
    return 1 if compare(args.a, args.b) else 0


if __name__ == "__main__":
    sys.exit(main())
