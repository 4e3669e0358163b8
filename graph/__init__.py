"""The knowledge graph: its model, the one path that writes documents into it, the stores that
hold it, and (in :mod:`.derived`) the facts recomputed from it after every ingest.

- the model: :mod:`.schema` (every label, type and property, defined once), :mod:`.batch` (nodes and
  edges with provenance), :mod:`.build` (one extraction -> its batch, pure), :mod:`.columns` (batches
  as Arrow tables), :mod:`.statements` (the graph layer's own named reads), :mod:`.export`
  (networkx, GraphML, GEXF, neo4j-admin CSV, a canonical dump);
- the write path: :mod:`.prepared` (a document as the loader takes it), :mod:`.loader` (each
  document's fate against the store, grouped transactions, then :func:`.derived.finalize`),
  :mod:`.write` (a batch into a store), :mod:`.bulk` (which rows can be created blindly),
  :mod:`.ledger` (source files and run state), :mod:`.touched` (what a run wrote or removed);
- :mod:`.stores`: one interface, LadybugDB (embedded, the default) and Neo4j (server);
- :mod:`.derived`: what finalize computes from stored facts (lineage, alignment, counterparts ...);
- :mod:`.scratch`: private temporary directories (the sandbox's, an upload's).

Dependencies run one way inside too: derived -> write path -> model; stores see only the model; the
loader alone runs derived (``tests/test_architecture.py``).  The Neo4j launcher is
:mod:`policykg.servers.neo4j`.
"""
