# A LocalStack-compatible image built from local files, for the tests that start an emulator
# through Testcontainers (no registry image can be pulled here): a minimal Debian root file
# system from the configured Debian mirror, moto's server installed into it, and LocalStack's
# entrypoint contract (/usr/local/bin/docker-entrypoint.sh, GATEWAY_LISTEN, a "Ready." line).
# Cached: skipped when the image exists; the root file system tarball is kept in $PHOENIX_CI_STATE.
image="${PHOENIX_LOCALSTACK_IMAGE:-phoenix/moto-localstack:latest}"
tarball="$PHOENIX_CI_STATE/moto-localstack-rootfs.tar"
if docker image inspect "$image" >/dev/null 2>&1; then
  log "image $image present"
else
  if [ ! -s "$tarball" ]; then
    mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
    mirror="${mirror:-http://deb.debian.org/debian}"
    rootfs="$(mktemp -d "$PHOENIX_CI_STATE/rootfs.XXXXXX")"
    log "building $image: debootstrap bookworm from $mirror into $rootfs (takes a few minutes)"
    debootstrap --variant=minbase --include=python3,python3-venv bookworm "$rootfs" "$mirror" >"$PHOENIX_CI_STATE/debootstrap.log" 2>&1 \
      || { log "debootstrap failed:"; tail -20 "$PHOENIX_CI_STATE/debootstrap.log" >&2; exit 1; }
    # pip inside the chroot uses the host's name resolution, CA bundle and pip configuration
    cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
    mkdir -p "$rootfs/etc/ssl/certs"
    cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
    [ -f /etc/pip.conf ] && cp /etc/pip.conf "$rootfs/etc/pip.conf"
    log "installing moto[server] into $rootfs/opt/moto"
    chroot "$rootfs" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root \
        PIP_CERT=/etc/ssl/certs/ca-certificates.crt PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_DEFAULT_TIMEOUT=180 \
        sh -c 'python3 -m venv /opt/moto && /opt/moto/bin/pip install -q "moto[server]"' >"$PHOENIX_CI_STATE/moto-image-pip.log" 2>&1 \
      || { log "pip install in the chroot failed:"; tail -20 "$PHOENIX_CI_STATE/moto-image-pip.log" >&2; exit 1; }
    cat >"$rootfs/usr/local/bin/docker-entrypoint.sh" <<'ENTRY'
#!/bin/sh
# LocalStack's contract: listen on GATEWAY_LISTEN (first entry), print "Ready." once requests are answered.
listen="${GATEWAY_LISTEN:-127.0.0.1:4566}"
listen="${listen%%,*}"
host="${listen%:*}"
port="${listen##*:}"
[ -n "$host" ] || host=0.0.0.0
/opt/moto/bin/moto_server -H "$host" -p "$port" &
pid=$!
trap 'kill "$pid" 2>/dev/null' TERM INT
probe="$host"
[ "$probe" = "0.0.0.0" ] && probe=127.0.0.1
until /opt/moto/bin/python3 -c "import urllib.request; urllib.request.urlopen('http://$probe:$port/moto-api/', timeout=2)" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { echo "moto_server exited" >&2; exit 1; }
  sleep 0.2
done
echo "Ready."
wait "$pid"
ENTRY
    chmod 755 "$rootfs/usr/local/bin/docker-entrypoint.sh"
    rm -f "$rootfs/etc/resolv.conf" "$rootfs/etc/pip.conf"
    rm -rf "$rootfs/var/cache/apt/archives"/*.deb "$rootfs/root/.cache"
    tar -C "$rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
  fi
  log "importing $image from $tarball"
  docker import -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' -c 'LABEL dev.phoenix.image=moto-localstack' \
    "$tarball" "$image" >/dev/null
fi
export PHOENIX_LOCALSTACK_IMAGE="$image"
