"""The ``policykg`` command: one typer app, subcommands registered from ``policykg.commands``."""
import typer

from . import __version__
from .commands import audit, extract, ingest, lineage, query, serve, viz

app = typer.Typer(help="Turn Chinese government policy documents into a knowledge graph.",
                  no_args_is_help=True, pretty_exceptions_enable=False)


@app.command()
def version():
    """Print the version."""
    typer.echo(__version__)


for _module in (extract, audit, ingest, query, lineage, serve, viz):
    _module.register(app)


if __name__ == "__main__":
    app()
