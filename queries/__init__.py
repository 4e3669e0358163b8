"""The named, parameterized reads analysts run: the same answers on every store.

Each read is declared once, with a header and checked parameters (``.cypher`` files and the reads
built in Python here, run through :mod:`.registry`); :mod:`.guard` gates ad-hoc Cypher.  The API,
the web pages, ``policykg query`` and the notebook all read the graph through this package.
"""
