# Debian packages the tests need. Skips apt when everything is already installed.
need=()
for pkg in docker.io chromium chromium-driver busybox-static debootstrap python3-venv curl prometheus openssh-client; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q "${need[@]}" >/dev/null
fi
