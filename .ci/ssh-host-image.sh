#!/usr/bin/env bash
# Builds the image of the SSH hosts the tests and the benchmark audit: a minimal Debian root file
# system (debootstrap from the configured Debian mirror) holding OpenSSH's sshd, dpkg, coreutils,
# systemctl, cron, ss and a small package of our own, phoenix-app (version 1.0 installed, 1.1 kept
# in /var/cache/phoenix for in-place upgrades), imported with `docker import` since no image can be
# pulled. Each container is one host: /usr/local/bin/phoenix-sshd runs sshd in the foreground on the
# addresses in PHOENIX_LISTEN (host networking, 127.0.0.0/8 only), with the host key in
# PHOENIX_HOST_KEY (base64 of an OpenSSH private key; generated when empty), the keys allowed to log in
# as `audit` in PHOENIX_AUTHORIZED_KEYS and an optional user CA in PHOENIX_USER_CA.
#
# Usage: ssh-host-image.sh [IMAGE]        (default phoenix-test/sshd:1)
# Cached: nothing is done when the image exists; the root file system tarball is kept in
# $PHOENIX_CI_STATE (default /tmp/phoenix-ci) so that a new engine imports it without debootstrap.
set -euo pipefail
image="${1:-phoenix-test/sshd:1}"
state="${PHOENIX_CI_STATE:-/tmp/phoenix-ci}"
tarball="$state/sshd-host-rootfs-1.tar"
say() { echo "[ssh-host-image] $*" >&2; }
mkdir -p "$state"
if docker image inspect "$image" >/dev/null 2>&1; then
  say "image $image present"
  exit 0
fi
if [ ! -s "$tarball" ]; then
  mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  rootfs="$(mktemp -d "$state/sshd-rootfs.XXXXXX")"
  chmod 755 "$rootfs"   # it becomes /, which every user must be able to traverse
  say "debootstrap bookworm from $mirror into $rootfs (about two minutes)"
  debootstrap --variant=minbase --include=openssh-server,systemd,cron,iproute2,procps bookworm "$rootfs" "$mirror" \
      >"$state/debootstrap-sshd.log" 2>&1 \
    || { say "debootstrap failed:"; tail -20 "$state/debootstrap-sshd.log" >&2; exit 1; }
  # the audit user logs in with a key only ('*' is no password, and not a locked account for sshd)
  chroot "$rootfs" useradd --create-home --shell /bin/bash audit
  chroot "$rootfs" usermod -p '*' audit
  rm -f "$rootfs"/etc/ssh/ssh_host_*
  cat >"$rootfs/etc/ssh/sshd_config.d/phoenix.conf" <<'CONF'
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UsePAM no
AuthorizedKeysFile /etc/ssh/authorized_keys/%u
MaxStartups 256
MaxSessions 32
PrintMotd no
CONF
  mkdir -p "$rootfs/etc/ssh/authorized_keys"
  # phoenix-app: a package of our own, so that a test can upgrade it in place with dpkg
  for version in 1.0 1.1; do
    pkg="$rootfs/tmp/phoenix-app-$version"
    mkdir -p "$pkg/DEBIAN" "$pkg/etc/phoenix-app" "$pkg/usr/share/phoenix-app" "$pkg/lib/systemd/system"
    printf 'Package: phoenix-app\nVersion: %s\nArchitecture: all\nMaintainer: Phoenix tests <tests@phoenix.invalid>\nDescription: a package the Phoenix tests upgrade in place\n' \
      "$version" >"$pkg/DEBIAN/control"
    printf '/etc/phoenix-app/app.conf\n' >"$pkg/DEBIAN/conffiles"
    printf 'listen=127.0.0.1\nworkers=4\n' >"$pkg/etc/phoenix-app/app.conf"
    printf '%s\n' "$version" >"$pkg/usr/share/phoenix-app/VERSION"
    printf '[Unit]\nDescription=Phoenix test app\n\n[Service]\nExecStart=/bin/sleep infinity\n\n[Install]\nWantedBy=multi-user.target\n' \
      >"$pkg/lib/systemd/system/phoenix-app.service"
    chroot "$rootfs" dpkg-deb --root-owner-group --build "/tmp/phoenix-app-$version" "/tmp/phoenix-app_${version}_all.deb" >/dev/null
  done
  mkdir -p "$rootfs/var/cache/phoenix"
  mv "$rootfs/tmp/phoenix-app_1.1_all.deb" "$rootfs/var/cache/phoenix/"
  chroot "$rootfs" dpkg -i /tmp/phoenix-app_1.0_all.deb >/dev/null
  chroot "$rootfs" systemctl enable phoenix-app.service >/dev/null 2>&1
  rm -rf "$rootfs"/tmp/phoenix-app*
  cat >"$rootfs/usr/local/bin/phoenix-sshd" <<'ENTRY'
#!/bin/sh
# One SSH host: sshd in the foreground on PHOENIX_LISTEN (space-separated addr:port, loopback only).
set -e
umask 022
mkdir -p /run/sshd
key=/etc/ssh/ssh_host_ed25519_key
if [ -n "$PHOENIX_HOST_KEY" ]; then
  echo "$PHOENIX_HOST_KEY" | base64 -d >"$key"
  chmod 600 "$key"
  ssh-keygen -y -f "$key" >"$key.pub"
else
  [ -f "$key" ] || ssh-keygen -q -t ed25519 -N '' -f "$key"
fi
printf '%s\n' "$PHOENIX_AUTHORIZED_KEYS" >/etc/ssh/authorized_keys/audit
set -- -D -e -h "$key"
for listen in ${PHOENIX_LISTEN:-127.0.0.1:2222}; do
  set -- "$@" -o "ListenAddress=$listen"
done
if [ -n "$PHOENIX_USER_CA" ]; then
  printf '%s\n' "$PHOENIX_USER_CA" >/etc/ssh/user_ca.pub
  set -- "$@" -o TrustedUserCAKeys=/etc/ssh/user_ca.pub
fi
exec /usr/sbin/sshd "$@"
ENTRY
  chmod 755 "$rootfs/usr/local/bin/phoenix-sshd"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
         "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/info/*
  tar --numeric-owner -C "$rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
  rm -rf "$rootfs"
fi
say "importing $image from $tarball"
docker import -c 'ENTRYPOINT ["/usr/local/bin/phoenix-sshd"]' -c 'LABEL dev.phoenix.image=sshd-host' "$tarball" "$image" >/dev/null
docker image inspect "$image" >/dev/null
