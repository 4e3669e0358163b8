"""The shared vocabulary of Chinese official documents: every word list the rules read, once.

Word lists are plain tuples, each with a comment saying what its words are; a rule builds its
pattern with :func:`.words.alternation` (tests/test_words.py keeps written-out word alternations out
of the other folders).  The lists: the names and functions of government bodies (:mod:`.bodies`),
what makes or breaks a body's name (:mod:`.names`), the words of duties and measures
(:mod:`.duties`, :mod:`.measures`, :mod:`.tables`, :mod:`.deadlines`, :mod:`.targets`), issuers
(:mod:`.issuers`), titles and citations (:mod:`.titles`, :mod:`.citations`, :mod:`.docnumbers`),
zones (:mod:`.zones`), web page chrome (:mod:`.web`), what task similarity ignores (:mod:`.tasks`),
policy instruments (:mod:`.instruments`); places (:mod:`.places`, :mod:`.divisions`), document
numbers, dates and numerals (:mod:`.patterns`), administrative levels (:mod:`.levels`) and which
region lies above which (:mod:`.hierarchy`), what a body does at any level (:mod:`.functions`),
reorganisations (:mod:`.reforms`) and sentence boundaries (:mod:`.sentences`).  Nothing here is a
rule of extraction; everything here may be imported from any layer.
"""
