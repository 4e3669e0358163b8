"""Developer tools beside the package: the scorers (``tools/eval``), the Neo4j launcher's Maven
project (``tools/neo4j``), the builders of vocabulary data, and minimal reproductions of store bugs
(``tools/repro``).  Importable from the checkout (the tests use ``tools.eval.flatten``)."""
