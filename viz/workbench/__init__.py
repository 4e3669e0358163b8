"""The analysts' workbench: the page, its scripts and styles, served as files by ``api/routes_workbench.py``."""
