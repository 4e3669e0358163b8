"""The ``policykg`` command: one typer app, subcommands registered from ``policykg.commands``.

The console script (:func:`main`) registers only the module of the subcommand it is asked for:
``policykg extract`` then starts without the graph stores, networkx and the web stack (0.6 s
of imports, a fifth of extracting a thousand documents).  ``from policykg.cli import app`` gives
the whole app, every subcommand registered.
"""
from __future__ import annotations

import importlib
import sys

import typer

from . import __version__

# subcommand -> the module of policykg.commands that registers it
COMMAND_MODULES = {"clean": "extract", "extract": "extract", "audit": "audit", "ingest": "ingest", "stats": "ingest",
                   "export": "ingest", "load": "load", "query": "query", "cascade": "query", "diffusion": "lineage",
                   "repair": "repair", "serve": "serve", "viz": "viz", "instruments": "instruments"}


def version():
    """Print the version."""
    typer.echo(__version__)


def build_app(command: str | None = None) -> typer.Typer:
    """The app with ``command``'s module registered, or every module when it names none."""
    app = typer.Typer(help="Turn Chinese government policy documents into a knowledge graph.",
                      no_args_is_help=True, pretty_exceptions_enable=False)
    app.command()(version)
    modules = [COMMAND_MODULES[command]] if command in COMMAND_MODULES else sorted(set(COMMAND_MODULES.values()))
    for name in modules:  # a registry of subcommands, loaded by name (not an import of a rule)
        importlib.import_module(f"{__package__}.commands.{name}").register(app)
    return app


def main() -> None:
    build_app(sys.argv[1] if len(sys.argv) > 1 else None)()


def __getattr__(name: str):
    if name == "app":  # the whole app, for tests and for embedding
        return build_app()
    raise AttributeError(name)


if __name__ == "__main__":
    main()
