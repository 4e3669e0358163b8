#!/usr/bin/env python3
"""Document-grouped cross-validation of the policy-instrument coder on the tuning gold.

Usage: instrument_cv.py [--gold tests/gold/instruments/tune] [--corpus ../shared/corpus] [--folds 5] [--errors]

The coder is rules over a lexicon (vocab/instruments.py), written and tuned on the tuning gold, so its
score there says little about documents nobody tuned to.  This estimate takes away what was most
likely added for particular documents: the documents are put in ``--folds`` folds (sorted by name,
dealt round-robin); for each fold, every word of the lexicon (cue words, money words, blockers, verbs,
light heads, credit and enforcement words) that occurs in the read window of that fold's gold tasks and
in no task of the other folds is dropped, and the fold's tasks are coded with what is left.  Reported:
tool and type accuracy over all units, and the plain score on the tuning gold (nothing dropped).

Each gold unit is matched to the extracted task whose text holds its snippet, as tools/eval/score.py
does.  Run it with the python of the checkout to measure (main's or a branch's).
"""
import argparse
import copy
import json
import pathlib
import sys

from policykg.ingest.pipeline import code_tasks, extract_file
from policykg.vocab import instruments as V

# the coder's module (tools import no extraction rules): its automaton is rebuilt without the dropped words
I = sys.modules[code_tasks.__module__]

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from score import norm  # noqa: E402  (the scorer's own normalization)

SETS = ["GENERIC_MONEY", "BLOCKERS", "VERBS", "ANYWHERE", "SOFT_VERBS", "LIGHT_HEADS", "GIVING", "ENFORCING", "CREDIT"]


def units(gold: pathlib.Path, corpus: pathlib.Path) -> tuple[list[dict], dict]:
    out, texts = [], {}
    for g in sorted(gold.glob("*/*.json")):
        data = json.loads(g.read_text(encoding="utf-8"))
        rec = extract_file(corpus / g.parent.name / data["source"], data.get("meta"))
        doc = f"{g.parent.name}/{g.stem}"
        texts[doc] = rec["text"]
        tasks = [(norm(t["text"]), t) for t in rec["tasks"]]
        for u in data["instruments"]:
            t = next((t for tx, t in tasks if norm(u["task"]) in tx), None)
            out.append({"doc": doc, "gold": u["tool"], "span": t["span"] if t else None})
    return out, texts


def code(texts: dict, u: dict) -> str | None:
    if u["span"] is None:
        return None
    return I.code_tasks(texts[u["doc"]], [tuple(u["span"])])[0].tool


def restore(cues: dict, sets: dict, drop: set[str]) -> None:
    V.CUES = {f: {t: {k: [w for w in ws if w not in drop] for k, ws in kinds.items()} for t, kinds in tools.items()}
              for f, tools in cues.items()}
    for name, words in sets.items():
        setattr(V, name, type(words)(w for w in words if w not in drop))
    I._automaton.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="tests/gold/instruments/tune")
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args()
    us, texts = units(pathlib.Path(a.gold), pathlib.Path(a.corpus))
    docs = sorted(texts)
    fold = {d: k % a.folds for k, d in enumerate(docs)}
    read = [texts[u["doc"]][u["span"][0]:min(u["span"][1], u["span"][0] + I.READ)] if u["span"] else "" for u in us]
    cues, sets = copy.deepcopy(V.CUES), {n: copy.copy(getattr(V, n)) for n in SETS}
    words = {w for f in cues.values() for t in f.values() for k in t.values() for w in k}
    words |= {w for ws in sets.values() for w in ws}
    plain = [code(texts, u) for u in us]
    cv: list[str | None] = [None] * len(us)
    dropped = 0
    for k in range(a.folds):
        inside = [i for i, u in enumerate(us) if fold[u["doc"]] == k]
        outside_text = "\n".join(read[i] for i, u in enumerate(us) if fold[u["doc"]] != k)
        inside_text = "\n".join(read[i] for i in inside)
        drop = {w for w in words if w in inside_text and w not in outside_text}
        dropped += len(drop)
        restore(cues, sets, drop)
        for i in inside:
            cv[i] = code(texts, us[i])
    restore(cues, sets, set())

    def acc(pred: list) -> tuple[float, float]:
        tool = sum(p == u["gold"] for p, u in zip(pred, us)) / len(us)
        kind = sum(p is not None and V.TOOLS[p] == V.TOOLS[u["gold"]] for p, u in zip(pred, us)) / len(us)
        return round(tool, 3), round(kind, 3)

    print(f"units {len(us)}, documents {len(docs)}, folds {a.folds}, words dropped (sum over folds) {dropped}")
    print("tuning gold, nothing dropped: tool %.3f type %.3f" % acc(plain))
    print("grouped CV, fold-only words dropped: tool %.3f type %.3f" % acc(cv))
    if a.errors:
        for p, u in zip(cv, us):
            if p != u["gold"]:
                s = u["span"][0] if u["span"] else 0
                print(f"{u['doc']}\twant {u['gold']}\tgot {p}\t{texts[u['doc']][s:s + 60]!r}")


if __name__ == "__main__":
    main()
