"""Benchmarks that print figures (speed, memory, scores), and the synthetic corpus generator
(``bench.generator``, written out by ``bench.generate``) they and the tests share.

Each script runs from the checkout (``python bench/generate.py --out DIR --docs 100``); the tests
import them as modules (pytest puts the checkout on the path: pyproject.toml's ``pythonpath``).
"""
