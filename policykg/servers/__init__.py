"""Servers started from Python on this machine, for the tests and for users without Docker.

- :mod:`.neo4j`        a real Neo4j 5 Community server without a Neo4j install:
  ``python -m policykg.servers.neo4j --port 7687 --data ./neo4j-data`` (:class:`~.neo4j.Neo4jServer`
  for the tests and bench/); it builds and runs the Maven launcher whose Java sources are
  ``tools/neo4j`` (a clone has them; an installed wheel does not);
- :mod:`.neo4j_admin`  a new Neo4j database in bulk with ``neo4j-admin database import full``, run
  from that launcher's jar.

The API server is ``policykg serve`` (:mod:`policykg.commands.serve`).  Nothing in the library
layers (ingest, graph, queries, api, viz) imports this package.
"""
