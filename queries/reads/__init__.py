"""The reads built in Python, each declared in the one form of the catalog (name, description,
typed parameters, a builder that yields Cypher with ``$parameters``, labels and types from the
schema): the API's lookups (:mod:`.lookups`), texts and search (:mod:`.texts`), regions
(:mod:`.places`) and the views' subgraphs (:mod:`.views`).  All are ``internal``."""
from __future__ import annotations

from . import lookups, places, texts, views

ALL = [*lookups.READS, *texts.READS, *places.READS, *views.READS]
