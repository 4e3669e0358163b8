# The policykg API (``policykg serve``) in a container; docker-compose.yml wires it to Neo4j.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# the package only: sources and the metadata pip needs (see .dockerignore)
COPY pyproject.toml README.md ./
COPY policykg ./policykg
COPY ingest ./ingest
COPY graph ./graph
COPY queries ./queries
COPY api ./api
COPY viz ./viz
RUN pip install . && useradd --create-home --uid 1000 policykg

USER policykg
EXPOSE 8000
CMD ["policykg", "serve", "--host", "0.0.0.0", "--neo4j", "bolt://neo4j:7687"]
