# The image the Docker tests run: a tiny root filesystem made of Debian's busybox-static
# (a shell, an HTTP server, sha256sum, ...), imported with `docker import` since no image can
# be pulled. Skipped when the image already exists; the tests build it the same way on demand
# (dev.phoenix.testing.DockerImages), so they also run on a laptop without this script.
phoenix_test_image="phoenix-test/busybox:1"
if docker image inspect "$phoenix_test_image" >/dev/null 2>&1; then
  log "docker test image $phoenix_test_image present"
else
  log "building docker test image $phoenix_test_image from /bin/busybox"
  rootfs="$(mktemp -d)"
  mkdir -p "$rootfs"/{bin,etc,www,tmp,var/tmp,var/log,run,root,proc,sys,dev}
  chmod 1777 "$rootfs/tmp" "$rootfs/var/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  printf 'listen=127.0.0.1\nworkers=4\nlog_level=info\n' >"$rootfs/etc/app.conf"
  printf '{"app":"phoenix-test","version":"1","config":{"workers":4,"logLevel":"info"}}\n' >"$rootfs/www/state"
  tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -cf - . \
    | docker import - "$phoenix_test_image" >/dev/null
  rm -rf "$rootfs"
  docker image inspect "$phoenix_test_image" >/dev/null
fi
