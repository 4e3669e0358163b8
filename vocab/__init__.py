"""The shared vocabulary of Chinese official documents.

Word lists and patterns that extraction (``ingest``), alignment (``graph``) and queries
(``queries``) all use: the names and functions of government bodies (:mod:`.bodies`), places
(:mod:`.places`), document numbers, dates and numerals (:mod:`.patterns`), administrative
levels (:mod:`.levels`) and which region lies above which (:mod:`.hierarchy`), what a body does at
any level (:mod:`.functions`) and sentence boundaries (:mod:`.sentences`).  Nothing here is a rule
of extraction; everything here may be imported from any layer.
"""
