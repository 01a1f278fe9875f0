# The image of the SSH test hosts (phoenix-test/sshd:1): a minimal Debian with sshd, dpkg, systemctl,
# cron and a package of our own, from debootstrap and `docker import` (nothing can be pulled); each
# container is one host on its own 127.0.0.1 port. Cached: skipped when the image exists, and the root
# file system tarball is kept in $PHOENIX_CI_STATE. The tests build it the same way on demand
# (dev.phoenix.ssh.testing.SshHostImage runs the same script).
log "ssh host image: .ci/ssh-host-image.sh"
bash .ci/ssh-host-image.sh phoenix-test/sshd:1
