"""`policykg serve`: the HTTP API (FastAPI on uvicorn) over the embedded store or Neo4j."""
from __future__ import annotations

import os
from typing import Optional

import typer

from ..graph.stores import open_store
from .common import DbOption, Neo4jOption, fail_cleanly, settings_for


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(db: Optional[str] = DbOption, neo4j: Optional[str] = Neo4jOption,
              host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 for all)."),
              port: int = typer.Option(8000, "--port", help="TCP port."),
              workers: int = typer.Option(1, "--workers", min=1, help="Worker processes (one per core is plenty)."),
              log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
              access_log: bool = typer.Option(True, "--access-log/--no-access-log", help="Log every request.")):
        """Serve the HTTP API: JSON endpoints, OpenAPI docs at /docs.

        Uploads (POST /documents) are on only when $POLICYKG_API_KEY is set; clients send that key in the X-API-Key header.
        """
        import uvicorn  # ~0.2 s: only when serving

        settings = settings_for(db, neo4j)
        if settings.neo4j_uri:
            with fail_cleanly():  # a wrong URI or password is reported now, not on the first request
                open_store(settings, read_only=True).close()
        elif not os.path.exists(settings.db_path):
            typer.echo(f"note: no database at {settings.db_path} yet; requests answer 503 until documents are "
                       f"ingested{' (or uploaded)' if settings.api_key else ''}", err=True)
        # workers are separate processes: they read the store options from the environment
        os.environ["POLICYKG_DB"] = settings.db_path
        if settings.neo4j_uri:
            os.environ["NEO4J_URI"] = settings.neo4j_uri
        typer.echo(f"policykg API on http://{host}:{port} ({settings.backend}: "
                   f"{settings.neo4j_uri or os.path.abspath(settings.db_path)}; uploads "
                   f"{'on' if settings.api_key else 'off'}); docs at /docs", err=True)
        # the HTTP protocol bounds the request head (api/http.py); h11's own bound if h11 is chosen
        uvicorn.run("policykg.api.app:create_app", factory=True, host=host, port=port, workers=workers,
                    log_level=log_level, access_log=access_log, http="policykg.api.http:BoundedHttpToolsProtocol",
                    h11_max_incomplete_event_size=settings.max_header_bytes, server_header=False)
