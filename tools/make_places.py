"""Regenerate vocab/data/china_locations.json: jionlp's table of Chinese administrative
divisions (province -> city -> county, with aliases and codes), saved so that policykg loads it
in milliseconds instead of importing jionlp (~0.4 s) in every process.
Run after upgrading jionlp: ``python tools/make_places.py``."""
import contextlib
import io
import json
from importlib.metadata import version
from pathlib import Path

with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
    import jionlp

    tree = jionlp.china_location_loader()
out = Path(__file__).resolve().parent.parent / "vocab" / "data" / "china_locations.json"
out.write_text(json.dumps({"_source": f"jionlp {version('jionlp')} china_location_loader()", "tree": tree},
                          ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
print(f"{len(tree)} provinces -> {out}")
