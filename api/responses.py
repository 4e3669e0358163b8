"""JSON responses that keep Chinese readable: ``ensure_ascii=False``, UTF-8 declared."""
from __future__ import annotations

import json
import math
from typing import Any

from fastapi.responses import JSONResponse


def dumps(content: Any) -> bytes:
    """Compact UTF-8 JSON; values JSON cannot hold (dates, sets) become strings.

    >>> dumps({"name": "发改委", "n": 1}).decode("utf-8")
    '{"name":"发改委","n":1}'
    >>> dumps({"q": chr(0xD800)})  # a lone surrogate a client sent: escaped, never an encoding error
    b'{"q":"\\\\ud800"}'
    """
    try:
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str, allow_nan=False)
    except ValueError:  # NaN or infinity from a computed column: JSON has no spelling for them
        text = json.dumps(finite(content), ensure_ascii=False, separators=(",", ":"), default=str)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # JSON's \u escapes can spell what UTF-8 cannot
        return json.dumps(json.loads(text), ensure_ascii=True, separators=(",", ":")).encode("ascii")


def finite(v: Any) -> Any:
    """``v`` with NaN and infinities replaced by None.

    >>> finite({"a": [1.0, float("nan")], "b": float("inf")})
    {'a': [1.0, None], 'b': None}
    """
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, dict):
        return {k: finite(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [finite(x) for x in v]
    return v


class UnicodeJSONResponse(JSONResponse):
    """The API's only JSON response class: 发改委 stays 发改委, not ``\\u53d1\\u6539\\u59d4``."""

    media_type = "application/json; charset=utf-8"  # Starlette adds a charset to text/* only

    def render(self, content: Any) -> bytes:
        return dumps(content)


def ok(content: Any, status_code: int = 200) -> UnicodeJSONResponse:
    """A route's answer, serialised once here (returning a dict would make FastAPI walk it
    with ``jsonable_encoder`` first: measured ~1.4 ms per agency search, more than the search)."""
    return UnicodeJSONResponse(content, status_code=status_code)
