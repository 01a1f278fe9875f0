# A Docker engine: Debian's dockerd without a bridge (containers use host networking).
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  dockerd --storage-driver=vfs --bridge=none --iptables=false >"$PHOENIX_CI_STATE/dockerd.log" 2>&1 &
  started $!
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not start:"; tail -20 "$PHOENIX_CI_STATE/dockerd.log" >&2; exit 1; }
fi
