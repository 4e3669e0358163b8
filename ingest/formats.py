"""HTML, .docx and .pdf -> plain text.  Pure functions of the bytes; ``name`` only names the
file in errors.  Tables become ``| a | b |`` rows, the layout the extractor reads."""
from __future__ import annotations

import io
import re
import zipfile

from ..errors import CorruptDocumentError, EmptyDocumentError

_TAGS = re.compile(r"<(script|style|noscript)\b.*?</\1>|<[^>]+>", re.S | re.I)
_HTML_HINT = re.compile(rb"<\s*(html|body|div|p|table|!doctype)\b", re.I)


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


def docx_to_text(data: bytes, name: str = "<docx>") -> str:
    """Paragraphs and tables of a .docx in document order."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise CorruptDocumentError(name, f"not a readable .docx (truncated or corrupt: {e})") from e
    except Exception as e:  # python-docx raises bare exceptions for broken parts
        raise CorruptDocumentError(name, f"not a readable .docx ({type(e).__name__}: {e})") from e
    lines = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = [c.text.replace("\n", " ").strip() for c in row.cells]
                lines.append("| " + " | ".join(cells) + " |")
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyDocumentError(name, "the .docx contains no text")
    return text


def pdf_to_text(data: bytes, name: str = "<pdf>") -> str:
    """The text layer of a PDF, page after page."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as e:
        raise CorruptDocumentError(name, f"not a readable PDF (truncated or corrupt: {e})") from e
    except Exception as e:
        raise CorruptDocumentError(name, f"not a readable PDF ({type(e).__name__}: {e})") from e
    text = "\n".join(pages)
    if not text.strip():
        raise EmptyDocumentError(name, "the PDF has no text layer (a scan? run OCR first)")
    return text
