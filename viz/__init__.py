"""Network views of the graph as self-contained HTML pages (vis-network inline, via pyvis' copy).

:mod:`.fetch` reads subgraphs with read-only parameterized Cypher into networkx,
:mod:`.render` turns a graph into a page (pure), :mod:`.layout` places the cascade view,
:mod:`.views` puts the four views together for ``policykg viz`` and the API.
"""
