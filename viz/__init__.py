"""Network views of the graph as self-contained HTML pages (vis-network inline, via pyvis' copy).

:mod:`policykg.queries.subgraph` reads the subgraphs into networkx (no Cypher here),
:mod:`.render` turns a graph into a page (pure), :mod:`.layout` places the cascade view,
:mod:`.views` puts the four views together for ``policykg viz`` and the API.
"""
