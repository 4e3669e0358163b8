#!/usr/bin/env python3
"""Score `policykg extract` output against hand-made gold annotations.

Usage:
  score.py --gold DIR --corpus DIR [--cmd "policykg extract"] [--json OUT]
  score.py --gold DIR --pred DIR [--json OUT]

Each gold file DIR/NAME.json annotates corpus file NAME (see docs/spec/gold.md).
With --cmd, the command is run as `CMD FILE --format json [--meta K=V ...]` for each
gold file (meta from the gold file's "meta"). With --pred, DIR/NAME.json holds the output.
Prints precision / recall / F1 for each category; exits 0 (scoring is not a gate).
"""
import argparse
import json
import pathlib
import re
import shlex
import subprocess
import sys
import unicodedata

def _t2s():
    """Traditional -> simplified converter, so that gold in either script matches output in the other."""
    try:
        import opencc
    except ImportError:
        print("score.py: opencc not installed (pip install opencc-python-reimplemented);"
              " traditional and simplified forms will not match", file=sys.stderr)
        return lambda s: s
    for config in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(config).convert
        except Exception:
            continue
    return lambda s: s


T2S = _t2s()

BRACKETS = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "(": "〔", ")": "〕",
                          "（": "〔", "）": "〕", "【": "〔", "】": "〕"})


def norm(s):
    """Compare text after NFKC (full-width punctuation to ASCII) with whitespace removed."""
    if s is None:
        return None
    return T2S(re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s))))


GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ ]+\)")


def title_norm(s):
    """A title compared without pinyin glosses and without the 《》〈〉 around names."""
    return norm(re.sub(r"[《》〈〉<>]", "", GLOSS.sub("", s or "")))


def norm_docno(s):
    return None if s is None else norm(s).translate(BRACKETS)


def variants(item):
    """A gold item is a string or a list of acceptable strings."""
    return [norm(v) for v in (item if isinstance(item, list) else [item])]


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, tp, fp, fn):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


TOOL_TYPE = {t: "supply" for t in ("人才培养", "资金投入", "科技信息支持", "基础设施建设", "公共服务")}
TOOL_TYPE.update({t: "environment" for t in ("目标规划", "金融支持", "税收优惠", "法规管制", "策略性措施")})
TOOL_TYPE.update({t: "demand" for t in ("政府采购", "服务外包", "贸易管制", "海外交流", "示范推广", "消费补贴")})


def kappa(pairs):
    """Cohen's kappa of (gold, predicted) labels; a missing prediction is its own label."""
    n = len(pairs)
    if not n:
        return 0.0
    po = sum(g == p for g, p in pairs) / n
    labels = {g for g, _ in pairs} | {p for _, p in pairs}
    pe = sum((sum(g == l for g, _ in pairs) / n) * (sum(p == l for _, p in pairs) / n) for l in labels)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def macro_f1(pairs):
    f1s = []
    for l in sorted({g for g, _ in pairs}):
        tp = sum(g == l and p == l for g, p in pairs)
        fp = sum(g != l and p == l for g, p in pairs)
        fn = sum(g == l and p != l for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def match_one_to_one(golds, preds, same):
    """Greedy one-to-one matching; returns (tp, fp, fn, unmatched golds)."""
    used = set()
    missed = []
    for g in golds:
        for i, p in enumerate(preds):
            if i not in used and same(g, p):
                used.add(i)
                break
        else:
            missed.append(g)
    tp = len(used)
    return tp, len(preds) - tp, len(golds) - tp, missed


def agency_forms(pred_agency):
    forms = {norm(pred_agency.get("name"))}
    forms.update(norm(a) for a in pred_agency.get("aliases", []) or [])
    forms.discard(None)
    return forms


def score_doc(gold, pred, tallies, misses):
    gd, pd = gold.get("document", {}), pred.get("document", {}) or {}
    for key in ("doc_number", "issuer", "date", "level"):
        if key in gd:
            want = norm_docno(gd[key]) if key == "doc_number" else norm(gd[key])
            got = norm_docno(pd.get(key)) if key == "doc_number" else norm(pd.get(key))
            ok = want == got
            tallies["document." + key].add(int(ok), int(not ok and got is not None), int(not ok))
            if not ok:
                misses.append(f"document.{key}: want {want!r} got {got!r}")
    if gd.get("title"):
        want, got = title_norm(gd["title"]), title_norm(pd.get("title"))
        ok = bool(got) and (want == got or ((want in got or got in want)
                                             and min(len(want), len(got)) >= 0.8 * max(len(want), len(got))))
        tallies["document.title"].add(int(ok), int(not ok and bool(got)), int(not ok))
        if not ok:
            misses.append(f"document.title: want {want!r} got {got!r}")
    for key in ("province", "city"):
        if key in gd.get("region", {}):
            want = norm(gd["region"][key])
            got = norm((pd.get("region") or {}).get(key))
            ok = want == got
            tallies["document.region." + key].add(int(ok), int(not ok and got is not None), int(not ok))
            if not ok:
                misses.append(f"document.region.{key}: want {want!r} got {got!r}")
    if "cites" in gd:
        want = [norm_docno(c) for c in gd["cites"]]
        got = [norm_docno(c) for c in pd.get("cites", []) or []]
        tp, fp, fn, missed = match_one_to_one(want, got, lambda a, b: a == b)
        tallies["document.cites"].add(tp, fp, fn)
        misses += [f"cites: missed {m}" for m in missed]

    agencies = pred.get("agencies", []) or []
    by_name = {}
    for a in agencies:
        for f in agency_forms(a):
            by_name.setdefault(f, set()).update(agency_forms(a))
    if "agencies" in gold:
        tp, fp, fn, missed = match_one_to_one(
            gold["agencies"], agencies, lambda g, p: bool(set(variants(g)) & agency_forms(p)))
        tallies["agencies"].add(tp, fp, fn)
        misses += [f"agency: missed {m}" for m in missed]

    if "duties" in gold:
        tasks = {t.get("id"): norm(t.get("text", "")) for t in pred.get("tasks", []) or []}
        duties = pred.get("duties", []) or []

        def same_duty(g, p):
            forms = by_name.get(norm(p.get("agency")), {norm(p.get("agency"))})
            role = "responsible" if p.get("role") == "lead" else p.get("role")
            return (bool(set(variants(g["agency"])) & forms) and role == g["role"]
                    and norm(g["task"]) in tasks.get(p.get("task"), ""))

        tp, fp, fn, missed = match_one_to_one(gold["duties"], duties, same_duty)
        tallies["duties"].add(tp, fp, fn)
        misses += [f"duty: missed {m['agency']} {m['role']} {m['task']}" for m in missed]

    if "instruments" in gold:
        ptasks = [(norm(t.get("text", "")), t) for t in pred.get("tasks", []) or []]
        for g in gold["instruments"]:
            snip = norm(g["task"])
            t = next((t for text, t in ptasks if snip and snip in text), None)
            inst = (t or {}).get("instrument") or {}
            tool = inst.get("tool")
            also = {a.get("tool") for a in (t or {}).get("instruments_also", []) or [] if isinstance(a, dict)}
            lenient = tool == g["tool"] or g["tool"] in also or tool in set(g.get("also", []))
            tallies.setdefault("_instruments", []).append((g["tool"], tool, lenient))
            if tool != g["tool"]:
                misses.append(f"instrument: {g['task']}: want {g['tool']} got {tool}"
                              + ("" if t else " (no task)"))

    if "targets" in gold:
        def same_target(g, p):
            try:
                v = float(p.get("value"))
            except (TypeError, ValueError):
                return False
            return norm(p.get("unit")) == norm(g["unit"]) and abs(v - g["value"]) <= 0.005 * abs(g["value"]) + 1e-9

        tp, fp, fn, missed = match_one_to_one(gold["targets"], pred.get("targets", []) or [], same_target)
        tallies["targets"].add(tp, fp, fn)
        misses += [f"target: missed {m.get('text', '')} {m['value']} {m['unit']}" for m in missed]

    for key in ("zones", "clusters"):
        if key in gold:
            tp, fp, fn, missed = match_one_to_one(
                gold[key], pred.get(key, []) or [], lambda g, p: norm(p.get("name")) in variants(g))
            tallies[key].add(tp, fp, fn)
            misses += [f"{key[:-1]}: missed {m}" for m in missed]


def run_extractor(cmd, path, meta):
    args = shlex.split(cmd) + [str(path), "--format", "json"]
    for k, v in (meta or {}).items():
        args += ["--meta", f"{k}={v}"]
    out = subprocess.run(args, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {out.returncode}: {out.stderr.strip()[-500:]}")
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, type=pathlib.Path)
    ap.add_argument("--corpus", type=pathlib.Path)
    ap.add_argument("--pred", type=pathlib.Path)
    ap.add_argument("--cmd", default="policykg extract")
    ap.add_argument("--json", type=pathlib.Path, help="write the summary here")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    a = ap.parse_args()
    if not a.pred and not a.corpus:
        ap.error("give --corpus (run the extractor) or --pred (read outputs)")

    cats = ["document.title", "document.doc_number", "document.issuer", "document.date", "document.level",
            "document.region.province", "document.region.city", "document.cites",
            "agencies", "duties", "targets", "zones", "clusters"]
    tallies = {c: Tally() for c in cats}
    failures = 0
    for gfile in sorted(a.gold.glob("*.json")):
        gold = json.loads(gfile.read_text(encoding="utf-8"))
        name = gold.get("source", gfile.stem)
        misses = []
        try:
            if a.pred:
                pred = json.loads((a.pred / (pathlib.Path(name).stem + ".json")).read_text(encoding="utf-8"))
            else:
                pred = run_extractor(a.cmd, a.corpus / name, gold.get("meta"))
        except Exception as e:  # a crash on one document scores it as empty
            failures += 1
            print(f"{name}: extractor failed: {e}", file=sys.stderr)
            pred = {}
        score_doc(gold, pred, tallies, misses)
        if a.verbose and misses:
            print(f"--- {name}")
            for m in misses:
                print("   ", m)

    print(f"{'category':28} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    summary = {}
    for c in cats:
        t = tallies[c]
        if t.tp + t.fp + t.fn == 0:
            continue
        p, r, f = t.prf()
        summary[c] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": t.tp, "fp": t.fp, "fn": t.fn}
        print(f"{c:28} {p:6.3f} {r:6.3f} {f:6.3f} {t.tp:5} {t.fp:5} {t.fn:5}")
    inst = tallies.get("_instruments") or []
    if inst:
        tool_pairs = [(g, p) for g, p, _ in inst]
        type_pairs = [(TOOL_TYPE.get(g), TOOL_TYPE.get(p)) for g, p in tool_pairs]
        n = len(inst)
        for name, pairs in (("instruments.type", type_pairs), ("instruments.tool", tool_pairs)):
            acc = sum(g == p for g, p in pairs) / n
            summary[name] = {"accuracy": round(acc, 4), "kappa": round(kappa(pairs), 4),
                             "macro_f1": round(macro_f1(pairs), 4), "n": n}
            print(f"{name:28} accuracy {acc:.3f}  kappa {kappa(pairs):.3f}  macro F1 {macro_f1(pairs):.3f}  n {n}")
        len_acc = sum(l for _, _, l in inst) / n
        summary["instruments.tool"]["lenient_accuracy"] = round(len_acc, 4)
        print(f"{'instruments.tool (lenient)':28} accuracy {len_acc:.3f}  (primary or `also` on either side)")
    core = [summary[c]["f1"] for c in ("agencies", "duties", "targets", "zones", "clusters") if c in summary]
    macro = sum(core) / len(core) if core else 0.0
    summary["_macro_f1_entities"] = round(macro, 4)
    summary["_failed_documents"] = failures
    print(f"macro F1 (agencies, duties, targets, zones, clusters): {macro:.3f}; failed documents: {failures}")
    if a.json:
        a.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
