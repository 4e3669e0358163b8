"""The graph model (defined once, in :mod:`.schema`) and the stores that hold it."""
