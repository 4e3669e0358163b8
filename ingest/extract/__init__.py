"""The extraction rules: cleaned text in, records out (pure functions with doctest examples).

:mod:`policykg.ingest.pipeline` composes them into one document's extraction: its header
(:mod:`.header`: title, 文号, issuers, region), tasks and who carries them (:mod:`.duties`, with the
agencies of :mod:`.registry`), instruments, targets, deadlines, zones, and the documents it cites
and repeals (:mod:`.lineage`).  Word lists come from :mod:`policykg.vocab`.
"""
