# The AWS emulator: moto's server from PyPI in a venv, on 127.0.0.1:4566 (LocalStack's port).
venv="$PHOENIX_CI_STATE/moto-venv"
if [ ! -x "$venv/bin/moto_server" ]; then
  log "installing moto[server] into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'moto[server]'
fi
if ! curl -sf -o /dev/null http://127.0.0.1:4566/moto-api/; then
  log "starting moto_server on 127.0.0.1:4566"
  "$venv/bin/moto_server" -H 127.0.0.1 -p 4566 >"$PHOENIX_CI_STATE/moto.log" 2>&1 &
  started $!
  for _ in $(seq 1 60); do
    curl -sf -o /dev/null http://127.0.0.1:4566/moto-api/ && break
    sleep 1
  done
  curl -sf -o /dev/null http://127.0.0.1:4566/moto-api/ || { log "moto did not start:"; tail -20 "$PHOENIX_CI_STATE/moto.log" >&2; exit 1; }
fi
export PHOENIX_TEST_AWS_ENDPOINT=http://127.0.0.1:4566
