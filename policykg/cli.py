"""The ``policykg`` command."""
import typer

app = typer.Typer(help="Turn Chinese government policy documents into a knowledge graph.", no_args_is_help=True)


@app.command()
def version():
    """Print the version."""
    from . import __version__

    typer.echo(__version__)
