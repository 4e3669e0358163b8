"""The graph model (defined once, in :mod:`.schema`) and the stores that hold it; what ingest writes
(:mod:`.build`, :mod:`.write`, :mod:`.loader`) and what finalize recomputes from it (:mod:`.lineage`,
:mod:`.align` with :mod:`.carries`, :mod:`.derive`, :mod:`.counterparts` and :mod:`.align_scope`)."""
