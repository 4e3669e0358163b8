"""Public ids for graph keys.

Keys hold ``|``, ``#``, ``〔〕``, sometimes ``/``, and Chinese (``杭州市|发展和改革委员会``,
``杭政〔2024〕1号#T3``), and a percent-encoded ``/`` is decoded before routing, so a raw key cannot be a path segment.  An id
is the key's UTF-8 bytes in URL-safe base64 without padding: stable (the same key always gives
the same id, across restarts and stores), reversible (no lookup table), and safe unescaped
in a path, a query string or a form.  Routes also accept the raw key where it fits in a path.
"""
from __future__ import annotations

import base64
import binascii


def key_to_id(key: str) -> str:
    """The id of a key.

    >>> key_to_id("杭州市|发展和改革委员会")
    '5p2t5bee5biCfOWPkeWxleWSjOaUuemdqeWnlOWRmOS8mg'
    """
    return base64.urlsafe_b64encode(key.encode("utf-8")).rstrip(b"=").decode("ascii")


def id_to_key(ident: str) -> str | None:
    """The key an id stands for, or None when ``ident`` is not an id.

    >>> id_to_key(key_to_id("杭政〔2024〕1号"))
    '杭政〔2024〕1号'
    >>> id_to_key("杭州市") is None
    True
    """
    try:
        raw = base64.urlsafe_b64decode(ident + "=" * (-len(ident) % 4))
        key = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    if not key or key_to_id(key) != ident or not key.isprintable():
        return None
    return key


def candidate_keys(ident: str) -> list[str]:
    """Keys to try for a path segment: the decoded id first, then the segment itself.

    >>> candidate_keys("D1")
    ['D1']
    >>> candidate_keys(key_to_id("D1"))
    ['D1', 'RDE']
    """
    key = id_to_key(ident)
    return [key, ident] if key is not None and key != ident else [ident]
