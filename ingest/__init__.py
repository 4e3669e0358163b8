"""Reading, cleaning and extracting policy documents.

The layers, from the outside in: :mod:`.read` (files -> text, thin I/O), :mod:`.decode` and
:mod:`.formats` (bytes -> text), :mod:`.clean` (raw text -> cleaned text + page metadata; a text that
lost its line breaks gets them back from :mod:`.relines`) and :mod:`.extract` (cleaned text -> records).  Everything but ``read`` is a pure function.
"""
