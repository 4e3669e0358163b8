"""The extraction scorers (``score.py``, a verbatim copy of ../shared/eval/score.py, and
``score_cascade.py``) and ``flatten.py``, which writes documents flattened to one line with their gold."""
