"""Bad input gets a clear error that names the file and the reason; good input in every
format and encoding gives the same facts."""
import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

SNIPPET = "一、省发展改革委\n1.一季度制定园区考核办法。\n"
CLI = [sys.executable, "-m", "policykg.cli"]


def run(*args, cwd=None):
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture
def bad_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "undecodable.txt").write_bytes(b"\x81\x30" * 40 + b"\xff\xfe\xfd" * 50)
    good = io.BytesIO()
    import docx

    d = docx.Document()
    d.add_paragraph(SNIPPET)
    d.save(good)
    (tmp_path / "truncated.docx").write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    with open(tmp_path / "huge.txt", "wb") as f:
        f.write(("一、省财政厅\n1.安排资金。\n" * 1_000_000).encode("utf-8")[: 20 * 1024 * 1024])
    return tmp_path


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty"), ("binary.txt", "binary"), ("undecodable.txt", "cannot decode"),
    ("truncated.docx", "docx"), ("huge.txt", "MB"),
])
def test_a_bad_file_is_a_clear_error_with_exit_code_2(bad_files, name, reason):
    out = run("extract", bad_files / name, "--format", "json")
    assert out.returncode == 2
    assert name in out.stderr and reason in out.stderr
    assert "Traceback" not in out.stderr


def test_a_directory_extracts_the_good_and_lists_the_bad(bad_files):
    (bad_files / "good.txt").write_text(SNIPPET, encoding="utf-8")
    out = run("extract", bad_files, "--meta", "region=河南省")
    assert out.returncode == 0
    docs = [json.loads(line) for line in out.stdout.splitlines()]
    assert [d["source"] for d in docs] == ["good.txt"]
    assert "5 of 6 documents failed" in out.stderr
    for name in ("empty.txt", "binary.txt", "undecodable.txt", "truncated.docx", "huge.txt"):
        assert name in out.stderr


def _facts(path, *meta):
    out = run("extract", path, "--meta", "region=河南省", *meta)
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    return [(d["agency"], d["role"]) for d in r["duties"]], [t["deadline"] for t in r["tasks"]]


def test_encodings_and_formats_give_the_same_facts(tmp_path):
    want = _facts_for(tmp_path, "utf8.txt", SNIPPET.encode("utf-8"))
    assert want[0] == [("河南省发展和改革委员会", "responsible")]
    assert _facts_for(tmp_path, "gbk.txt", SNIPPET.encode("gbk")) == want
    assert _facts_for(tmp_path, "big5.txt", "一、省發展改革委\n1.一季度制定園區考核辦法。\n".encode("big5")) == want
    html = f"<html><body><nav>首页 | 政务公开</nav><article><p>一、省发展改革委</p><p>1.一季度制定园区考核办法。</p></article></body></html>"
    assert _facts_for(tmp_path, "page.html", html.encode("utf-8")) == want
    import docx

    d = docx.Document()
    for line in SNIPPET.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    assert _facts_for(tmp_path, "doc.docx", buf.getvalue()) == want


def _facts_for(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return _facts(p)


def test_clean_prints_the_text_spans_index(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text("热门TAG标签:\n一、省财政厅\n1.安排专项资金。\n验证码:\n", encoding="utf-8")
    out = run("clean", p)
    assert out.stdout.strip() == "一、省财政厅\n1.安排专项资金。"
    r = json.loads(run("extract", p, "--with-text", "--meta", "region=河南省").stdout)
    t = r["tasks"][0]
    assert r["text"][t["span"][0]:t["span"][1]] == t["text"]
    assert r["text"] == out.stdout.rstrip("\n")


def test_manifest_supplies_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("各县人民政府:\n一、市发展改革委\n1.制定方案。\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,url,region\na.txt,http://example.org/a,许昌市\n", encoding="utf-8")
    out = run("extract", tmp_path)
    r = json.loads(out.stdout.splitlines()[0])
    assert r["document"]["region"]["city"] == "许昌市" and r["document"]["url"] == "http://example.org/a"
    (tmp_path / "bad.csv").write_text("name,region\n", encoding="utf-8")
    out = run("extract", tmp_path / "a.txt", "--manifest", tmp_path / "bad.csv")
    assert out.returncode == 2 and "bad.csv" in out.stderr and "file" in out.stderr
    # a directory's own manifest.csv with a bad header is an error too, not silently ignored
    (tmp_path / "bad.csv").unlink()
    (tmp_path / "manifest.csv").write_text("filename,url,region\na.txt,http://example.org/a,许昌市\n", encoding="utf-8")
    out = run("extract", tmp_path)
    assert out.returncode == 2 and "manifest.csv" in out.stderr and "file" in out.stderr


def docx_bomb(text_chars: int) -> bytes:
    """A small .docx whose one paragraph unpacks to ``text_chars`` characters (deflate packs the
    repetition ~1000:1, as in the 0.7 MB .docx of 136 MB of text that froze the server)."""
    import docx

    d = docx.Document()
    d.add_paragraph("PLACEHOLDER")
    buf = io.BytesIO()
    d.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"PLACEHOLDER", "一、省财政厅负责。".encode() * (text_chars // 9))
            dst.writestr(info, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_a_text_over_the_limit_is_refused_in_seconds(tmp_path):
    """POLICYKG_MAX_TEXT_CHARS holds for the command line as for uploads (ingest/read.py)."""
    p = tmp_path / "long.txt"
    p.write_bytes(("一、省财政厅\n1.安排资金。\n" * 100_000).encode())  # 1.5M characters, 4.2 MB
    t = time.monotonic()
    out = run("extract", p)
    assert out.returncode == 2 and time.monotonic() - t < 20, out.stderr
    assert "long.txt" in out.stderr and "1,500,000+ characters once decoded" in out.stderr
    assert "POLICYKG_MAX_TEXT_CHARS" in out.stderr
    small = tmp_path / "small.txt"
    small.write_text(SNIPPET * 20, encoding="utf-8")
    out = run_env({"POLICYKG_MAX_TEXT_CHARS": "300"}, "extract", small)
    assert out.returncode == 2 and "the limit is 300 (POLICYKG_MAX_TEXT_CHARS)" in out.stderr
    assert run_env({"POLICYKG_MAX_TEXT_CHARS": "30000"}, "extract", small).returncode == 0


def test_a_docx_is_refused_by_its_unpacked_size_before_it_is_read(tmp_path):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(docx_bomb(9_000_000))  # 27 MB of XML in ~100 KB
    assert bomb.stat().st_size < 200_000
    out = run("extract", bomb)
    assert out.returncode == 2 and "bomb.docx" in out.stderr and "unpack to" in out.stderr, out.stderr
    fits = tmp_path / "fits.docx"
    fits.write_bytes(docx_bomb(60_000))  # unpacks within 16 bytes a character, then too much text
    out = run_env({"POLICYKG_MAX_TEXT_CHARS": "50000"}, "extract", fits)
    assert out.returncode == 2 and "characters once unzipped" in out.stderr, out.stderr


def run_env(env: dict, *args):
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})
