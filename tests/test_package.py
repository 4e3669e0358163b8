"""The installed package holds every file the code reads: each data file under a package
directory is matched by a ``package-data`` pattern of pyproject.toml (the quick start installs a
built package, not the source tree, so a file the patterns miss is gone there)."""
from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _package_of(path: Path, dirs: dict[str, str]) -> str | None:
    """The dotted package a file lies in, by the package-dir mapping (longest directory first)."""
    rel = path.relative_to(ROOT)
    for pkg, d in sorted(dirs.items(), key=lambda kv: -len(kv[1])):
        if rel.parts[:len(Path(d).parts)] == Path(d).parts:
            sub = rel.parts[len(Path(d).parts):-1]
            return ".".join([pkg, *sub])
    return None


def test_every_data_file_is_packaged():
    cfg = _config()
    dirs, data, packages = cfg["package-dir"], cfg["package-data"], set(cfg["packages"])
    missing = []
    for d in dirs.values():
        for f in (ROOT / d).rglob("*"):
            if not f.is_file() or f.suffix in (".py", ".pyc") or "__pycache__" in f.parts:
                continue
            pkg = _package_of(f, dirs)
            if pkg not in packages or not any(fnmatch.fnmatch(f.name, p) for p in data.get(pkg, [])):
                missing.append(str(f.relative_to(ROOT)))
    assert missing == [], f"not in the built package: {missing}"
