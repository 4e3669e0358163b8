# Sourced by the scripts: create ./.venv with Python >= 3.11 and install policykg into it,
# saying so.  EXTRAS=test installs the test tools too, and installs policykg editable (the
# tests run the working tree); otherwise it is installed as a built package.
py=""
for cand in python3.13 python3.12 python3.11 python3; do
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    py="$cand"; break
  fi
done
if [ -z "$py" ]; then echo "policykg needs Python >= 3.11" >&2; exit 1; fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating ./.venv with $("$py" --version)" >&2
  "$py" -m venv .venv
fi
editable=()
[ -n "${EXTRAS:-}" ] && editable=(-e)
echo "setup: installing policykg${EXTRAS:+ [$EXTRAS]} and its dependencies into ./.venv (pip; a minute the first time)" >&2
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
if ! .venv/bin/python -m pip install -q --disable-pip-version-check "${editable[@]}" ".${EXTRAS:+[$EXTRAS]}" 2>.venv/pip.log; then
  cat .venv/pip.log >&2; echo "setup: installing policykg failed" >&2; exit 1
fi
# pip's note that lxml has merged its html_clean extra (trafilatura asks for it) is no problem of ours
grep -v "does not provide the extra 'html_clean'" .venv/pip.log >&2 || true
# an editable install leaves the project's modules uncompiled, and with PYTHONDONTWRITEBYTECODE set
# (as on the team's machines) every command would compile them again: ~0.1 s of CPU a start
# (docs/speed.md).  Python checks each .pyc against its source, so an edited module is still read fresh.
if [ -n "${EXTRAS:-}" ]; then
  .venv/bin/python -m compileall -q policykg ingest graph vocab queries api viz >/dev/null || true
fi
