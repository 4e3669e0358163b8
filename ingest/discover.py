"""Which files a set of paths names, and the metadata their manifests give them: one
definition of "a directory of documents" for every command and for the API's uploads."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from .manifest import LISTING_NAME, MANIFEST_NAME, read_manifest
from .read import READABLE_SUFFIXES


@dataclass
class Discovered:
    """The documents a set of paths names, and the metadata the manifests give them."""

    files: list[Path] = field(default_factory=list)
    meta: dict[str, dict] = field(default_factory=dict)  # file name -> manifest row
    manifests: list[Path] = field(default_factory=list)

    def meta_of(self, path: Path, extra: dict | None = None) -> dict:
        """A file's manifest row with ``extra`` (``--meta``) on top."""
        return {**self.meta.get(Path(path).name, {}), **(extra or {})}


def is_document(p: Path) -> bool:
    """A file a directory walk picks up: a readable suffix, not hidden, not the manifest.

    >>> is_document(Path("a/通知.TXT")), is_document(Path("a/.x.txt")), is_document(Path("a/manifest.csv"))
    (True, False, False)
    """
    return (not p.name.startswith(".") and p.name != MANIFEST_NAME
            and p.suffix.lower() in READABLE_SUFFIXES - {""})


def discover(paths: Iterable[str | os.PathLike], manifest: str | os.PathLike | None = None) -> Discovered:
    """The files to read (directories walked recursively and sorted; files as given) and their
    metadata: ``manifest`` when given, else the ``manifest.csv`` of each directory given and, when
    the directory has one in manifest form, its crawler's listing ``SOURCES.tsv`` (file, url, title,
    region, date), which only fills in what ``manifest.csv`` does not say (a page's title, 全国).

    A path that does not exist is an :class:`~policykg.errors.InputError` naming it, raised
    before anything is read, so a command fails before it starts work."""
    found = Discovered()
    paths = [Path(p) for p in paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InputError(missing[0], "no such file or directory" + (
            f" (nor {', '.join(missing[1:])})" if len(missing) > 1 else ""))
    for p in paths:
        if p.is_dir():
            if (p / MANIFEST_NAME).is_file():  # read whatever its header: a bad one is an error naming it
                found.manifests.append(p / MANIFEST_NAME)
            if is_manifest(p / LISTING_NAME):  # a crawler's listing in another form is left alone
                found.manifests.append(p / LISTING_NAME)
            found.files.extend(f for f in sorted(p.rglob("*")) if f.is_file() and is_document(f))
        else:
            found.files.append(p)
    if manifest is not None:
        found.manifests = [Path(manifest)]
    for m in found.manifests:
        for name, row in read_manifest(m).items():
            have = found.meta.setdefault(name, {})
            have.update(row if m.name != LISTING_NAME else {k: v for k, v in row.items() if k not in have})
    return found


def is_manifest(path: Path) -> bool:
    """A file in manifest form (first column ``file``); a crawler's listing in another form is
    not one, and is left alone."""
    if not path.is_file():
        return False
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        return re.split(r"[,\t]", f.readline(), maxsplit=1)[0].strip().lower() == "file"
