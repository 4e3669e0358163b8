"""Files -> decoded raw text: the thin I/O layer around the pure functions of
:mod:`.decode`, :mod:`.formats` and :mod:`.clean`.  Every failure names the file.

Every input path goes through here (``policykg extract``/``ingest``, uploads), so the limits
hold for all of them: the file's size (``POLICYKG_MAX_DOCUMENT_BYTES``) before it is read, a
.docx's unpacked size before it is unzipped, and the text's length
(``POLICYKG_MAX_TEXT_CHARS``) once decoded and again once cleaned -- a document past the limit
is refused in seconds instead of being extracted for minutes."""
from __future__ import annotations

import stat
from pathlib import Path

from ..config import MAX_DOCUMENT_BYTES, MAX_TEXT_CHARS, ReadLimits, read_limits
from ..errors import DocumentTooLargeError, EmptyDocumentError, InputError, UnsupportedFormatError
from .clean import Cleaned, clean
from .decode import decode_bytes
from .formats import docx_to_text, html_to_text, looks_like_html, pdf_to_text, too_long

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}


def read_bytes(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError as e:
        raise InputError(path, "no such file") from e
    size = st.st_size
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "is a directory, not a document")
    if size == 0:
        raise EmptyDocumentError(path, "the file is empty")
    if size > max_bytes:
        raise DocumentTooLargeError(path, f"the file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB "
                                          "(POLICYKG_MAX_DOCUMENT_BYTES)")
    return path.read_bytes()


def parse_raw(data: bytes, name: str, suffix: str = "", max_chars: int = MAX_TEXT_CHARS) -> str:
    """Decoded raw text of a document's bytes, by format (suffix, else content), at most
    ``max_chars`` characters (:class:`~policykg.errors.DocumentTooLargeError` beyond).

    >>> parse_raw("一、省财政厅\\n".encode() * 10, "a.txt", ".txt", max_chars=50)
    Traceback (most recent call last):
    ...
    policykg.errors.DocumentTooLargeError: a.txt: its text is 70+ characters once decoded; the limit is 50 (POLICYKG_MAX_TEXT_CHARS)
    """
    suffix = suffix.lower()
    if suffix == ".docx" or (suffix not in READABLE_SUFFIXES and data[:2] == b"PK"):
        return docx_to_text(data, name, max_chars)
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return pdf_to_text(data, name, max_chars)
    if suffix in (".doc", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".rtf"):
        raise UnsupportedFormatError(name, f"{suffix} files are not supported; save as .docx, .pdf, .html or .txt")
    text, _ = decode_bytes(data, name)
    html = suffix in HTML_SUFFIXES or looks_like_html(data)
    if html:
        text = html_to_text(text)
    if len(text) > max_chars:
        raise too_long(name, len(text), max_chars, "read from the HTML" if html else "decoded")
    return text


def clean_bytes(data: bytes, name: str, suffix: str = "", max_chars: int = MAX_TEXT_CHARS) -> Cleaned:
    cleaned = clean(parse_raw(data, name, suffix, max_chars))
    if not cleaned.text.strip():
        raise EmptyDocumentError(name, "no text is left after cleaning (only boilerplate or metadata)")
    if len(cleaned.text) > max_chars:
        raise too_long(name, len(cleaned.text), max_chars, "cleaned")
    return cleaned


def read_cleaned(path: Path, limits: ReadLimits | None = None) -> Cleaned:
    """A document file, read and cleaned within ``limits`` (default: the environment's)."""
    path = Path(path)
    limits = limits or read_limits()
    return clean_bytes(read_bytes(path, limits.max_bytes), str(path), path.suffix, limits.max_chars)
