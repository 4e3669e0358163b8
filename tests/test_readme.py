"""The README a new user reads, and the docs/ it leads to: at most 12 KB; every file they point at
is in the repository (nothing of ../shared) and every link resolves; the architecture diagram names
the layers and modules the code has; and the commands run as written.

The README's first steps are ``console`` blocks: a ``$ policykg ...`` line, then its output as pasted
from a run on the quick start's database (samples/corpus), shortened: the first lines, and a line ``…``
where the rest was cut.  The tests run each command in a folder laid out as the quick start leaves the
checkout (``policykg.db`` and the ``policykg/`` folder) and compare.  After a change that is meant to
change those answers, ``python tests/test_readme.py`` pastes them again, keeping each block's length.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOCS = {p: p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))}
TOP = ("scripts", "samples", "docs", "tools", "bench", "tests", "queries", "graph", "ingest", "api", "viz", "vocab",
       "policykg", "spec")
CLI = str(Path(sys.executable).with_name("policykg"))
WIDTH = "80"  # the terminal width the pasted tables were cut to
CUT = "…"  # a line of its own where pasted output was shortened
# docs the index names that other branches of this round add (remove a name once its file is merged)
COMING: set = set()
# design notes that give the commands their figures were measured with, on the shared material
NOTES = {ROOT / "docs" / name for name in ("bulk-load.md", "speed.md", "words.md")}
BLOCK = re.compile(r"```console\n\$ (?P<command>[^\n]*)\n(?P<output>.*?)```", re.S)
NOTEBOOK = re.compile(r"```python\n(?P<code>.*?)```\n+```text\n(?P<output>.*?)```", re.S)


def test_readme_is_at_most_12_kb():
    assert len(README.encode("utf-8")) <= 12 * 1024


def test_readme_and_docs_point_only_at_files_a_clone_has():
    pages = [(path, page) for path, page in [(README_PATH, README), *DOCS.items()] if path not in NOTES]
    assert "../shared" not in README  # the docs may say what a test does where the shared material is
    for path, page in pages:
        assert "/work/" not in page, path
    text = "".join(page for _, page in pages)
    paths = set(re.findall(r"`(?:python |bash )?((?:%s)/[\w./*-]+)" % "|".join(TOP), text))
    paths |= set(re.findall(r"\]\(((?:%s)/[\w./-]+)\)" % "|".join(TOP), README))
    assert len(paths) > 10  # the pattern finds the paths
    missing = [p for p in sorted(paths) if not exists(p)]
    assert missing == []


def exists(path: str) -> bool:
    """A file, folder or glob of the checkout, or a module's attribute (``graph/export.write_csv``)."""
    path = path.rstrip("/").rstrip(".")
    module = re.sub(r"\.\w+$", ".py", path)
    return bool(list(ROOT.glob(path))) or ROOT.joinpath(path) in COMING or (module != path and (ROOT / module).exists())


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation out, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {slug(h) for h in re.findall(r"(?m)^#+ (.*)$", path.read_text(encoding="utf-8"))}


def test_every_link_of_the_readme_and_docs_resolves():
    broken = []
    for path, text in [(README_PATH, README), *DOCS.items()]:
        for target in re.findall(r"\]\(([^)\s]+)\)", re.sub(r"`[^`\n]*`", "", text)):  # not in code
            if re.match(r"[a-z]+:", target):
                continue  # http(s), mailto
            file, _, anchor = target.partition("#")
            where = (path.parent / file).resolve() if file else path
            if where in COMING:
                continue
            if not where.exists() or (anchor and anchor not in anchors(where)):
                broken.append(f"{path.relative_to(ROOT)}: {target}")
    assert broken == []


def test_the_docs_index_names_every_page():
    index = DOCS[ROOT / "docs" / "README.md"]
    named = set(re.findall(r"\]\(([\w.-]+\.md)\)", index))
    assert {p.name for p in DOCS if p.name != "README.md"} <= named


def test_samples_readme_points_only_at_files_a_clone_has():
    text = (ROOT / "samples" / "README.md").read_text(encoding="utf-8")
    assert "/work/" not in text and "shared/" not in text


def test_architecture_diagram_names_what_the_code_has():
    text = DOCS[ROOT / "docs" / "architecture.md"]
    diagram = text[text.index("```"):text.index("```", text.index("```") + 3)]
    for folder in ("policykg", "ingest", "graph", "queries", "api", "viz", "vocab"):
        assert f"{folder}/" in diagram, folder
    for module in ("graph/schema.py", "graph/build.py", "graph/derived/finalize.py", "graph/derived/align.py", "graph/export.py",
                   "graph/statements.py", "graph/loader.py", "graph/write.py", "ingest/load.py", "queries/lookups.py",
                   "queries/subgraph.py", "queries/registry.py"):
        assert (ROOT / module).exists() and Path(module).stem in diagram, module


def blocks(text: str = README) -> list[tuple[str, str]]:
    return [(m["command"], m["output"]) for m in BLOCK.finditer(text)]


def test_ci_runs_the_test_command_the_readme_gives():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = [ln for ln in ci.splitlines() if ln.strip() and not ln.startswith("#")][-1].strip()
    assert command == "bash scripts/test.sh"
    assert command in [c for c, _ in blocks()]


def said(script: str) -> list[re.Pattern]:
    """What a setup script prints (its ``say``/``step``/``echo`` strings), variables as wildcards."""
    text = re.sub(r'"\s*\\\n\s*"', " ", (ROOT / "scripts" / script).read_text(encoding="utf-8"))  # say "a" \ "b"
    prefix = {"step": "== ", "say": "test.sh: ", "echo": ""}  # what the scripts' own functions add
    shown = [prefix[verb] + words
             for verb, words in re.findall(r'(?m)^\s*(say|step|echo)\s+"(.*)"(?:\s*>&2)?\s*$', text)]
    return [re.compile(r".*".join(re.escape(bit) for bit in re.split(r"\$\{[^}]*\}|\$\([^)]*\)|\$\w+", s)) + "$")
            for s in shown]


@pytest.mark.parametrize("command,prefixes", [("bash scripts/quickstart.sh", ("== ", "setup: ", "graph in ")),
                                              ("bash scripts/test.sh", ("test.sh: ", "setup: "))])
def test_the_two_commands_print_what_the_scripts_say(command, prefixes):
    """The README's pasted output of the two scripts: each line the scripts print themselves is one
    of the scripts' own messages (the rest is the output of the commands they run)."""
    output = dict(blocks())[command]
    patterns = said("quickstart.sh") + said("test.sh") + said("venv.sh")
    own = [ln for ln in output.splitlines() if ln.startswith(prefixes)]
    assert len(own) >= 3
    assert [ln for ln in own if not any(p.match(ln) for p in patterns)] == []


@pytest.mark.slow
def test_the_quick_start_tables_are_what_its_commands_print(quickstart_folder):
    """The table rows pasted under the quick start are rows of what its ingest and read commands print."""
    script = (ROOT / "scripts" / "quickstart.sh").read_text(encoding="utf-8")
    commands = re.findall(r"(?m)^\.venv/bin/(policykg (?!ingest).*)$", script)
    assert len(commands) >= 2
    printed = {ln.rstrip() for command in commands for ln in run_command(command, quickstart_folder).splitlines()}
    printed |= {ln.rstrip() for ln in (quickstart_folder / "ingest.txt").read_text(encoding="utf-8").splitlines()}
    rows = [ln for ln in dict(blocks())["bash scripts/quickstart.sh"].splitlines() if ln.startswith("│")]
    assert rows and [ln for ln in rows if ln not in printed] == []


def shortened(actual: str, pasted: str, default_lines: int = 7) -> str:
    """``actual`` cut the way ``pasted`` is: its first lines, ``…``, its last lines (the whole of it
    when ``pasted`` has no ``…``; an empty ``pasted`` takes the first ``default_lines``)."""
    lines = [ln.rstrip() for ln in actual.rstrip("\n").split("\n")]  # a table's title is padded with spaces
    shown = pasted.rstrip("\n").split("\n") if pasted.strip() else [*[""] * default_lines, CUT]
    if CUT not in shown:
        return "\n".join(lines) + "\n"
    head, tail = len(shown[:shown.index(CUT)]), len(shown[shown.index(CUT) + 1:])
    if head + tail >= len(lines):
        return "\n".join(lines) + "\n"
    return "\n".join(lines[:head] + [CUT] + (lines[len(lines) - tail:] if tail else [])) + "\n"


def checkout_like(folder: Path) -> Path:
    """``folder`` laid out as the quick start leaves the checkout: ``policykg.db`` of samples/corpus
    (ingested as ``scripts/quickstart.sh`` does) beside the ``policykg/`` folder."""
    env = clean_env()
    done = subprocess.run([CLI, "ingest", str(ROOT / "samples" / "corpus"), "--db", str(folder / "policykg.db")],
                          capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    (folder / "ingest.txt").write_text(done.stdout, encoding="utf-8")  # its summary, for the quick start's rows
    (folder / "policykg").symlink_to(ROOT / "policykg", target_is_directory=True)
    return folder


@pytest.fixture(scope="module")
def quickstart_folder(tmp_path_factory) -> Path:
    return checkout_like(tmp_path_factory.mktemp("checkout"))


def clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYKG_", "NEO4J_"))}
    return {**env, "COLUMNS": WIDTH, "PYTHONIOENCODING": "utf-8"}


def run_command(command: str, folder: Path) -> str:
    args = command.replace('"', "").split()
    assert args[0] == "policykg", command
    done = subprocess.run([CLI, *args[1:]], cwd=folder, capture_output=True, text=True, timeout=120,
                          env=clean_env())
    assert done.returncode == 0, f"{command}: {done.stderr[-2000:]}"
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_output(folder: Path) -> str:
    """``policykg serve`` as written (on a free port instead of 8000): what it prints once the
    workbench answers at /, with the folder's path as ``…`` and the port as 8000."""
    port = free_port()
    out = folder / "serve.log"
    with open(out, "w", encoding="utf-8") as log:
        server = subprocess.Popen([CLI, "serve", "--port", str(port)], cwd=folder, stdout=log,
                                  stderr=subprocess.STDOUT, env={**clean_env(), "PYTHONUNBUFFERED": "1"})
    try:
        page = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    page = answer.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.25)
        assert page and "<html" in page.lower(), out.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = out.read_text(encoding="utf-8")
    return text.replace(str(folder.resolve()), CUT).replace(f":{port}", ":8000")


def test_readme_has_five_first_steps():
    commands = [c for c, _ in blocks() if c.startswith("policykg ")]
    assert len(commands) == 5 and commands[-1] == "policykg serve"


@pytest.mark.slow
@pytest.mark.parametrize("command,pasted", [b for b in blocks() if b[0].startswith("policykg ")],
                         ids=lambda x: x.split()[1] if x.startswith("policykg ") else "")
def test_first_steps_print_what_the_readme_shows(quickstart_folder, command, pasted):
    if command == "policykg serve":
        actual = serve_output(quickstart_folder).splitlines()
        assert [ln for ln in pasted.splitlines() if ln not in actual] == []
        return
    assert pasted.strip(), f"no output pasted under {command}"
    assert shortened(run_command(command, quickstart_folder), pasted) == pasted, \
        f"{command}: its output changed; python tests/test_readme.py pastes it again"


# The quick start installs a built package, so no editable finder maps policykg's subpackages to the
# checkout's folders: the example runs without it (a Python started in the checkout finds its policykg/
# folder first, which holds only the command line; policykg/__init__.py maps the rest)
WITHOUT_EDITABLE_FINDER = "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'ditable' not in repr(f)]\n"


def run_notebook(code: str, folder: Path) -> str:
    program = WITHOUT_EDITABLE_FINDER + f"exec(compile({code!r}, 'README.md', 'exec'), {{'__name__': '__main__'}})"
    done = subprocess.run([sys.executable, "-c", program], cwd=folder, capture_output=True, text=True,
                          timeout=120, env=clean_env())
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.slow
def test_the_readme_notebook_example_runs_as_written(quickstart_folder):
    """Run in the checkout's folder, where ``import policykg`` finds the checkout's policykg/ folder."""
    (example,) = NOTEBOOK.finditer(README)
    assert 'policykg.open("policykg.db")' in example["code"]
    assert shortened(run_notebook(example["code"], quickstart_folder), example["output"]) == example["output"]


def repaste(text: str, folder: Path) -> str:
    """``text`` with every first-step block and the notebook output pasted again from ``folder``."""
    def block(m: re.Match) -> str:
        command, pasted = m["command"], m["output"]
        if command == "policykg serve":
            pasted = "".join(ln + "\n" for ln in serve_output(folder).splitlines()
                             if ln.startswith("policykg API") or "Uvicorn running" in ln)
        elif command.startswith("policykg "):
            pasted = shortened(run_command(command, folder), pasted)
        return f"```console\n$ {command}\n{pasted}```"

    def notebook(m: re.Match) -> str:
        out = shortened(run_notebook(m["code"], folder), m["output"])
        return f"```python\n{m['code']}```\n\n```text\n{out}```"
    return NOTEBOOK.sub(notebook, BLOCK.sub(block, text))


if __name__ == "__main__":  # paste the first steps' output again: python tests/test_readme.py
    with tempfile.TemporaryDirectory() as tmp:
        README_PATH.write_text(repaste(README, checkout_like(Path(tmp))), encoding="utf-8")
    print(f"{README_PATH}: {len(README_PATH.read_text(encoding='utf-8').encode())} bytes")
