# An independent DSSE/Ed25519 verifier for the attestation tests: Python's `cryptography` from PyPI
# in a venv. AttestationInteropTest runs $PHOENIX_TEST_ATTEST_PYTHON (fails under CI=true without it).
venv="$PHOENIX_CI_STATE/attest-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import cryptography' 2>/dev/null; then
  log "installing cryptography into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q cryptography
fi
export PHOENIX_TEST_ATTEST_PYTHON="$venv/bin/python"
