"""Subcommands of ``policykg``: one module per family, each with ``register(app)``.

Modules import their heavy dependencies inside the command functions, so ``policykg
--help`` stays fast and no driver is loaded before a command needs it.
"""
