"""HTML, .docx and .pdf -> plain text.  Pure functions of the bytes; ``name`` only names the
file in errors.  Tables become ``| a | b |`` rows, the layout the extractor reads."""
from __future__ import annotations

import io
import re
import zipfile

from ..config import MAX_TEXT_CHARS
from ..errors import CorruptDocumentError, DocumentTooLargeError, EmptyDocumentError

_TAGS = re.compile(r"<(script|style|noscript)\b.*?</\1>|<[^>]+>", re.S | re.I)
_HTML_HINT = re.compile(rb"<\s*(html|body|div|p|table|!doctype)\b", re.I)
# a .docx is a zip of XML: markup takes many bytes per character of text (runs, properties), and
# styles, themes and font tables come with every file; its parts may unpack to this much, no more
UNZIPPED_BYTES_PER_CHAR = 16
UNZIPPED_ALLOWANCE = 4 * 1024 * 1024


def unzipped_limit(max_chars: int) -> int:
    """Bytes the parts of a .docx may unpack to, for a text limit of ``max_chars``.

    >>> unzipped_limit(1_000_000) / 1e6
    20.194304
    """
    return UNZIPPED_ALLOWANCE + UNZIPPED_BYTES_PER_CHAR * max_chars


def looks_like_html(head: bytes) -> bool:
    return bool(_HTML_HINT.search(head[:4096]))


def html_to_text(html: str) -> str:
    """Main text of a web page (trafilatura drops navigation, footers and scripts; tables are
    kept).  Falls back to stripping tags when trafilatura finds no main text.

    >>> html_to_text("<html><head><script>var x=1;</script></head><body><article><p>各县人民政府:</p>"
    ...              "<p>现将方案印发给你们,请认真贯彻落实。</p></article></body></html>").splitlines()
    ['各县人民政府:', '现将方案印发给你们,请认真贯彻落实。']
    """
    import trafilatura

    text = trafilatura.extract(html, include_tables=True, include_comments=False, favor_recall=True)
    if text and text.strip():
        return text
    import html as htmllib

    return htmllib.unescape(_TAGS.sub("\n", html))


def too_long(name: str, chars: int, max_chars: int, what: str) -> DocumentTooLargeError:
    """The error for a text over the limit, said the same way for every format.

    >>> too_long("a.txt", 2_000_000, 1_000_000, "decoded").reason
    'its text is 2,000,000+ characters once decoded; the limit is 1,000,000 (POLICYKG_MAX_TEXT_CHARS)'
    """
    return DocumentTooLargeError(name, f"its text is {chars:,}+ characters once {what}; the limit is "
                                       f"{max_chars:,} (POLICYKG_MAX_TEXT_CHARS)")


def check_unzipped(data: bytes, name: str, max_bytes: int) -> None:
    """Refuse a zip whose members unpack to more than ``max_bytes`` in all, from the sizes its
    directory declares, before any member is read (Python's zipfile never inflates a member past
    its declared size: a lying header ends in a CRC error, not in memory)."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise CorruptDocumentError(name, f"not a readable .docx (truncated or corrupt: {e})") from e
    total = 0
    for info in infos:
        total += info.file_size
        if total > max_bytes:
            raise DocumentTooLargeError(name, f"its parts unpack to {total / 1e6:.0f}+ MB (at {info.filename}, "
                                              f"{info.compress_size:,} bytes packed); the limit for a .docx is "
                                              f"{max_bytes / 1e6:.0f} MB (4 MB and {UNZIPPED_BYTES_PER_CHAR} bytes "
                                              f"per character of POLICYKG_MAX_TEXT_CHARS)")


def docx_to_text(data: bytes, name: str = "<docx>", max_chars: int = MAX_TEXT_CHARS) -> str:
    """Paragraphs and tables of a .docx in document order; its parts' unpacked size is checked
    first (:func:`check_unzipped`), its text as it grows."""
    check_unzipped(data, name, unzipped_limit(max_chars))
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise CorruptDocumentError(name, f"not a readable .docx (truncated or corrupt: {e})") from e
    except Exception as e:  # python-docx raises bare exceptions for broken parts
        raise CorruptDocumentError(name, f"not a readable .docx ({type(e).__name__}: {e})") from e
    lines, size = [], 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = [c.text.replace("\n", " ").strip() for c in row.cells]
                lines.append("| " + " | ".join(cells) + " |")
        else:
            continue
        size += len(lines[-1]) + 1
        if size > max_chars:
            raise too_long(name, size, max_chars, "unzipped")
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyDocumentError(name, "the .docx contains no text")
    return text


def pdf_to_text(data: bytes, name: str = "<pdf>", max_chars: int = MAX_TEXT_CHARS) -> str:
    """The text layer of a PDF, page after page (pypdf caps each stream it inflates; the text is
    checked as it grows)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages, size = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1]) + 1
            if size > max_chars:
                raise too_long(name, size, max_chars, "read from the PDF")
    except DocumentTooLargeError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as e:
        raise CorruptDocumentError(name, f"not a readable PDF (truncated or corrupt: {e})") from e
    except Exception as e:
        raise CorruptDocumentError(name, f"not a readable PDF ({type(e).__name__}: {e})") from e
    text = "\n".join(pages)
    if not text.strip():
        raise EmptyDocumentError(name, "the PDF has no text layer (a scan? run OCR first)")
    return text
