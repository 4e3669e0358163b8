"""A new Neo4j database in bulk: ``neo4j-admin database import full`` (:func:`import_full`).

Incremental loads into a running server go through :func:`policykg.graph.write.write_batch`
(new rows in large ``UNWIND ... CREATE`` statements).  A new database is imported from the CSV
files :func:`policykg.graph.export.write_csv` writes, by Neo4j's admin tool run from the
Maven-built launcher jar, into the data directory of a server that is not running.
neo4j-admin reads an empty array field as null; the ``finalize`` that follows a load writes
the aliases back, so the graph equals an ingest (a test holds it).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from ..errors import StoreError, StoreUnavailableError
from .neo4j import LAUNCHER_DIR, build_jar, java_available

ADMIN_MAIN = "org.neo4j.cli.AdminTool"


def admin_import_args(files: list[Path], database: str = "neo4j", *, overwrite: bool = False) -> list[str]:
    """The arguments of ``neo4j-admin`` for the files of :func:`~policykg.graph.export.write_csv`.

    >>> admin_import_args([Path("nodes_Agency.csv"), Path("relationships_PART_OF.csv")])[:5]
    ['database', 'import', 'full', '--nodes=nodes_Agency.csv', '--relationships=relationships_PART_OF.csv']
    """
    args = ["database", "import", "full"]
    for p in files:
        args.append(("--nodes=" if Path(p).name.startswith("nodes_") else "--relationships=") + str(p))
    args += ["--array-delimiter=;", "--multiline-fields=true"]
    if overwrite:
        args.append("--overwrite-destination=true")
    return args + [database]


def import_full(files: list[Path], data_dir: str | Path, *, database: str = "neo4j", overwrite: bool = False,
                heap: str = "1g", launcher_dir: Path = LAUNCHER_DIR) -> dict:
    """Import CSV files into ``data_dir`` -- the ``--data`` directory of
    :class:`~policykg.servers.neo4j.Neo4jServer`, which must not be running -- and
    return what neo4j-admin reports.  Start the server on that directory afterwards and
    run ``ensure_schema`` (the import creates no constraints or indexes)."""
    reason = java_available(launcher_dir)
    if reason:
        raise StoreUnavailableError(f"cannot run neo4j-admin: {reason}")
    home = Path(data_dir).resolve()
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").touch()
    cmd = [shutil.which("java") or "java", f"-Xmx{heap}", "-cp", str(build_jar(launcher_dir)), ADMIN_MAIN,
           *admin_import_args([Path(f).resolve() for f in files], database, overwrite=overwrite)]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    proc = subprocess.run(cmd, cwd=home, env=env, capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    if proc.returncode != 0 or "IMPORT DONE" not in out:
        tail = "\n".join(out.strip().splitlines()[-15:])
        raise StoreError(f"neo4j-admin database import full into {home} failed (exit {proc.returncode}):\n{tail}")
    counts = {k: int(v) for v, k in re.findall(r"(\d+) (nodes|relationships|properties)\b", out.split("IMPORT DONE")[-1])}
    return {"database": database, "data_dir": str(home), **counts}

