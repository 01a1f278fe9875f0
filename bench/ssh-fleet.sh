#!/usr/bin/env bash
# SSH fleet benchmark: N hosts (real sshd listeners, default 200) audited with 32 in flight, side by side
# in one run with `ansible -m raw` and an `ssh` loop (xargs -P 32) collecting the same facts from the same
# hosts. Prints the wall time of each, the SSH logins the hosts accepted during it (one per host is the
# target) and the machine's load before and after.
#
# The hosts: one container of the SSH test image (.ci/ssh-host-image.sh, built if missing) running one
# sshd per host, each on its own loopback address 127.0.1.<i>:2222 (host networking; nothing leaves
# 127.0.0.0/8). They share one file system, so every host has the same facts.
#
# Needs docker, java, ssh, ssh-keygen, jq, and ansible-core in a venv (ANSIBLE=/path/to/bin/ansible;
# default /tmp/ansible-venv/bin/ansible, made with: python3 -m venv /tmp/ansible-venv &&
# /tmp/ansible-venv/bin/pip install ansible-core). Without ansible that column is skipped.
#
# Usage: bench/ssh-fleet.sh            N=50 IN_FLIGHT=16 CHANNELS=4 COMMAND_TIMEOUT=30s bench/ssh-fleet.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${N:-200}"
IN_FLIGHT="${IN_FLIGHT:-32}"
# one command at a time on each host's connection, as the ssh loop and ansible run their one script;
# a per-command timeout far above what a loaded machine needs, so that the run measures throughput
CHANNELS="${CHANNELS:-1}"
COMMAND_TIMEOUT="${COMMAND_TIMEOUT:-5m}"
ANSIBLE="${ANSIBLE:-/tmp/ansible-venv/bin/ansible}"
image=phoenix-test/sshd:1
[ "$N" -ge 1 ] && [ "$N" -le 250 ] || { echo "N must be 1..250" >&2; exit 2; }
work="$(mktemp -d /tmp/phoenix-ssh-bench.XXXXXX)"
container=""
cleanup() { [ -n "$container" ] && docker rm -f "$container" >/dev/null 2>&1 || true; }
trap cleanup EXIT

bash "$root/.ci/ssh-host-image.sh" "$image"
ssh-keygen -q -t ed25519 -N '' -C bench -f "$work/id_bench"
ssh-keygen -q -t ed25519 -N '' -C host -f "$work/host_key"
container="$(docker run -d --network host --entrypoint sh \
  -e "HOST_KEY=$(base64 -w0 "$work/host_key")" -e "AUTHORIZED=$(cat "$work/id_bench.pub")" -e "N=$N" "$image" -c '
    set -e; mkdir -p /run/sshd; echo "$HOST_KEY" | base64 -d > /etc/ssh/host_key; chmod 600 /etc/ssh/host_key
    printf "%s\n" "$AUTHORIZED" > /etc/ssh/authorized_keys/audit
    for i in $(seq 1 "$N"); do
      /usr/sbin/sshd -h /etc/ssh/host_key -E /var/log/sshd-$i.log -o ListenAddress=127.0.1.$i:2222 -o PidFile=/run/sshd-$i.pid
    done
    exec sleep infinity')"
for i in $(seq 1 "$N"); do
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.1.$i/2222") 2>/dev/null && break; sleep 0.1; done
  echo "[127.0.1.$i]:2222 $(cut -d' ' -f1,2 "$work/host_key.pub")" >>"$work/known_hosts"
done
logins() { docker exec "$container" sh -c 'cat /var/log/sshd-*.log | grep -c "Accepted publickey"' || true; }

# the same facts for everyone: os-release and kernel, packages, one file's digest/mode/owner/size, services, users
script='cat /etc/os-release; uname -r; uname -m; dpkg-query -W -f="\${db:Status-Abbrev}|\${Package}|\${Version}\n"; stat -c "%a %U:%G %s" /etc/phoenix-app/app.conf; sha256sum /etc/phoenix-app/app.conf; systemctl list-unit-files --type=service --no-legend --no-pager; getent passwd'
{
  echo "[all:vars]"; echo "ansible_port=2222"; echo "ansible_user=audit"; echo "ansible_ssh_private_key_file=$work/id_bench"
  echo "[fleet]"; for i in $(seq 1 "$N"); do printf 'h%03d ansible_host=127.0.1.%d\n' "$i" "$i"; done
} >"$work/hosts.ini"
cat >"$work/phoenix.yaml" <<YAML
store: $work/store
probing: {concurrency: $IN_FLIGHT, timeout: 300s, targets: loopback}
groups:
  - name: fleet
    source: {ansible: {inventory: hosts.ini}}
    probes:
      - ssh:
          hosts-in-flight: $IN_FLIGHT
          channels: $CHANNELS
          timeout: $COMMAND_TIMEOUT
          host-timeout: 10m
          connect-timeout: 2m
          known-hosts: known_hosts
          collectors: [os, packages, {files: [/etc/phoenix-app/app.conf]}, services, users]
report: {formats: [json]}
YAML

now() { date +%s.%N; }
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "hosts: $N sshd listeners (127.0.1.1-$N:2222), $IN_FLIGHT in flight; phoenix: channels $CHANNELS, command timeout $COMMAND_TIMEOUT"

# Phoenix (JVM start included), its own HOME so that no real ~/.ssh is read
"$root/phoenix" --help >/dev/null 2>&1 || true   # builds the jar and its class-data archive if needed
before="$(logins)"; t0="$(now)"
HOME="$work" "$root/phoenix" audit --config "$work/phoenix.yaml" --out "$work/reports" >"$work/phoenix.out" 2>&1 || true
t1="$(now)"; after="$(logins)"
ok="$(jq '[.members[] | select(.status == "BASELINED" or .status == "CONSISTENT")] | length' "$work/reports/scorecard.json")"
p_errors="$(jq -r '.members[] | select(.status == "UNREACHABLE") | .probeErrors[0].cause' "$work/reports/scorecard.json" \
  | sed -E 's/^[^:]*: //; s/[0-9]+ ms/N ms/' | sort | uniq -c | sed 's/^/          unreachable: /')"
p_time="$(echo "$t1 - $t0" | bc)"; p_logins=$((after - before))

# ssh loop: one ssh per host, xargs -P
before="$(logins)"; t0="$(now)"
mkdir -p "$work/ssh-out"
seq 1 "$N" | xargs -P "$IN_FLIGHT" -I{} sh -c 'ssh -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$1/known_hosts" -i "$1/id_bench" -p 2222 audit@127.0.1.{} "$2" >"$1/ssh-out/{}" 2>/dev/null || rm -f "$1/ssh-out/{}"' \
    _ "$work" "$script" || true
t1="$(now)"; after="$(logins)"
s_ok="$(find "$work/ssh-out" -type f -size +0 | wc -l)"; s_time="$(echo "$t1 - $t0" | bc)"; s_logins=$((after - before))

# ansible -m raw (the hosts have no Python, which -m command needs); no ControlMaster: one ssh per host, as above
a_line="ansible:  skipped (no $ANSIBLE)"
if [ -x "$ANSIBLE" ]; then
  before="$(logins)"; t0="$(now)"
  HOME="$work" ANSIBLE_SSH_ARGS="-o ControlMaster=no -o UserKnownHostsFile=$work/known_hosts" ANSIBLE_HOST_KEY_CHECKING=True \
    ANSIBLE_LOCAL_TEMP="$work/ansible-tmp" "$ANSIBLE" fleet -i "$work/hosts.ini" -f "$IN_FLIGHT" -m raw -a "$script" \
    >"$work/ansible.out" 2>&1 || true
  t1="$(now)"; after="$(logins)"
  a_ok="$(grep -c ' | CHANGED | rc=0' "$work/ansible.out" || true)"
  a_line="$(printf 'ansible:  %6.1f s   hosts answered %3d/%d   ssh logins %3d   (ansible -m raw -f %d)' \
    "$(echo "$t1 - $t0" | bc)" "$a_ok" "$N" "$((after - before))" "$IN_FLIGHT")"
fi
printf 'phoenix:  %6.1f s   hosts answered %3d/%d   ssh logins %3d   (phoenix audit, JVM start included; run %s)\n' \
  "$p_time" "$ok" "$N" "$p_logins" "$(head -1 "$work/phoenix.out" | cut -d' ' -f3)"
[ -z "$p_errors" ] || echo "$p_errors"
printf 'ssh loop: %6.1f s   hosts answered %3d/%d   ssh logins %3d   (xargs -P %d ssh)\n' "$s_time" "$s_ok" "$N" "$s_logins" "$IN_FLIGHT"
echo "$a_line"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "outputs: $work"
