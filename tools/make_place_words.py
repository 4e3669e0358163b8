"""Regenerate vocab/data/place_words.txt: the words jieba's dictionary tags as place names
(ns), which tell a place (中原, 天府, 长葛) from a common word that is also a short place
name (合作, 资源).  Run after upgrading jieba: ``python tools/make_place_words.py``."""
from pathlib import Path

import jieba

src = Path(jieba.__file__).parent / "dict.txt"
words = sorted({w for w, _, tag in (ln.split() for ln in src.read_text(encoding="utf-8").splitlines() if ln.count(" ") == 2)
                if tag == "ns" and 2 <= len(w) <= 8})
out = Path(__file__).resolve().parent.parent / "vocab" / "data" / "place_words.txt"
out.write_text("\n".join(words) + "\n", encoding="utf-8")
print(f"{len(words)} place words -> {out}")
