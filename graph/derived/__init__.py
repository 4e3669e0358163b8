"""Derived facts: what finalize recomputes from the stored per-document facts after every ingest.

One entry point, :func:`finalize` (``finalize(store, touched=...)``: None recomputes everything, a
:class:`policykg.graph.touched.Touched` only what those documents can change).  The loader calls it
after each run; nothing here is written by a document, so any order of ingests gives one graph.
Its steps, in order, and the modules they use:

- :mod:`.finalize`       the steps before lineage: garbage, agency aliases, shared nodes' provenance
  and zone/cluster regions; then runs lineage and alignment
- :mod:`.lineage`        citations and repeals resolved to stored documents, statuses, agency edges
- :mod:`.lineage_scope`  which links a lineage after an ingest must look at again (touched only)
- :mod:`.resolve`        which stored document a citation names (pure)
- :mod:`.succession`     agencies across reforms (``SUCCEEDED_BY``), collectives (``MEMBER_OF``) (pure)
- :mod:`.reproduction`   how much of an upper text a lower text copies (pure)
- :mod:`.align`          alignment: ``CARRIES``, task ``DERIVED_FROM``, ``COUNTERPART_OF``, all of them
- :mod:`.align_scope`    alignment after an ingest, only where the touched documents can change it
- :mod:`.carries`        which upper documents a lower document carries down (pure)
- :mod:`.task_links`     which upper task a lower task derives from, with a score and spans (pure)
- :mod:`.similarity`     the character bigrams that say what a task is about (pure)
- :mod:`.counterparts`   which upper body's work a lower body carries down (pure)

Dependencies: this package reads and writes through the model, the write path and the stores of
:mod:`policykg.graph` (``schema``, ``statements``, ``write``, ``ledger``, ``touched``, ``stores``); none of
them imports it, except the loader that runs it (``tests/test_architecture.py`` holds it).  The name
``finalize`` here is the function; its module's helpers are imported as
``from policykg.graph.derived.finalize import collect_garbage``.
"""
from .finalize import finalize

__all__ = ["finalize"]
