"""Files -> decoded raw text: the thin I/O layer around the pure functions of
:mod:`.decode`, :mod:`.formats` and :mod:`.clean`.  Every failure names the file."""
from __future__ import annotations

from pathlib import Path

from ..config import MAX_DOCUMENT_BYTES
from ..errors import DocumentTooLargeError, EmptyDocumentError, InputError, UnsupportedFormatError
from .clean import Cleaned, clean
from .decode import decode_bytes
from .formats import docx_to_text, html_to_text, looks_like_html, pdf_to_text

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}


def read_bytes(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as e:
        raise InputError(path, "no such file") from e
    if path.is_dir():
        raise InputError(path, "is a directory, not a document")
    if size == 0:
        raise EmptyDocumentError(path, "the file is empty")
    if size > max_bytes:
        raise DocumentTooLargeError(path, f"the file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB "
                                          "(POLICYKG_MAX_DOCUMENT_BYTES)")
    return path.read_bytes()


def parse_raw(data: bytes, name: str, suffix: str = "") -> str:
    """Decoded raw text of a document's bytes, by format (suffix, else content)."""
    suffix = suffix.lower()
    if suffix == ".docx" or (suffix not in READABLE_SUFFIXES and data[:2] == b"PK"):
        return docx_to_text(data, name)
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return pdf_to_text(data, name)
    if suffix in (".doc", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".rtf"):
        raise UnsupportedFormatError(name, f"{suffix} files are not supported; save as .docx, .pdf, .html or .txt")
    text, _ = decode_bytes(data, name)
    if suffix in HTML_SUFFIXES or looks_like_html(data):
        text = html_to_text(text)
    return text


def clean_bytes(data: bytes, name: str, suffix: str = "") -> Cleaned:
    cleaned = clean(parse_raw(data, name, suffix))
    if not cleaned.text.strip():
        raise EmptyDocumentError(name, "no text is left after cleaning (only boilerplate or metadata)")
    return cleaned


def read_cleaned(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> Cleaned:
    path = Path(path)
    return clean_bytes(read_bytes(path, max_bytes), str(path), path.suffix)
