"""The HTTP API and the analysts' web pages (FastAPI, served by uvicorn with ``policykg serve``).

:mod:`.app` builds the app; the ``routes_*`` modules answer one family of reads each through the
named queries of :mod:`policykg.queries` (no Cypher here); :mod:`.upload` takes documents in.
"""
