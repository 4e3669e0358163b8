"""The read catalog: every named read, declared in one form and run through one function.

The analysts' named queries are the ``.cypher`` files here (:mod:`.declare` reads their headers);
the reads the API and the views use are built in Python (:mod:`.reads`); :mod:`.catalog` finds any
by name, :mod:`.params` checks parameters, :mod:`.anchors` resolves agency, region and tool names,
:mod:`.runner` runs them (``policykg query --list`` lists them all).  Above the catalog sit the
analyses composed from its reads: lookups, search, document facts, regions, subgraphs for the
views, the cascade, diffusion, co-issuance and the instrument mix.  Ad-hoc Cypher is checked by
:mod:`.guard` and run by :mod:`.adhoc`.
"""
