#!/usr/bin/env bash
# One node versus a cluster of three, side by side in one run: the same simulated fleet of
# MEMBERS members (default 30,000) split into three zones, audited RUNS times (default 2: the first
# captures baselines, the next compare) by `phoenix serve` alone and by three `phoenix serve --cluster`
# nodes on loopback (zones a, b, c; node a leads). Every node is its own JVM on this machine.
#
#   bench/cluster.sh                       # 30,000 members, 2 runs each
#   MEMBERS=3000 RUNS=1 bench/cluster.sh
#
# Prints a table (run time from the scorecard's startedAt/finishedAt, CPU seconds each node used
# during the run from /proc, members each node probed) and writes it to bench/results/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
members="${MEMBERS:-30000}"
runs="${RUNS:-2}"
heap="${PHOENIX_HEAP:--Xmx768m}"
jar="$root/auditor/target/phoenix.jar"
for tool in java python3 curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
"$root/phoenix" --version >/dev/null   # builds the jar when missing

work="$(mktemp -d /tmp/phoenix-cluster-bench.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
tick="$(getconf CLK_TCK)"

echo "bench: starting a simulated fleet of $members members" >&2
java -Xmx2g -jar "$jar" simulate --members "$members" --urls-out "$work/urls.txt" > "$work/simulate.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 900); do
  grep -q '^ready' "$work/simulate.log" 2>/dev/null && break
  sleep 0.2
done
grep -q '^ready' "$work/simulate.log" || { cat "$work/simulate.log" >&2; exit 1; }
split -n l/3 -d "$work/urls.txt" "$work/zone-"

# Hazelcast ports below the ephemeral range (see PhoenixNode.freePort in the tests for why)
ports=(5711 5712 5713)
zones=(a b c)
groups=""
for i in 0 1 2; do
  z="${zones[$i]}"
  groups+="  - {name: $z, zone: $z, source: {static: {file: zone-0$i}}, probes: [{http: {name: state, identity: [\"member.*\"]}}]}
"
done
for setup in 1 3; do
  cat > "$work/node$setup.yaml" <<EOF
store: store-$setup
probing: {targets: loopback, timeout: 10s}
cluster: {members: ["127.0.0.1:${ports[0]}", "127.0.0.1:${ports[1]}", "127.0.0.1:${ports[2]}"]}
groups:
$groups
EOF
done

# start_node NAME ARGS...: starts `phoenix serve`, waits for its first line, prints "pid port"
# (run in a subshell by the caller, which records the pid for the clean-up)
start_node() {
  local name="$1"; shift
  java $heap -jar "$jar" serve --port 0 "$@" > "$work/$name.out" 2> "$work/$name.err" &
  local pid=$!
  for _ in $(seq 1 600); do
    grep -q 'Phoenix serving on' "$work/$name.out" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/$name.err" >&2; exit 1; }
    sleep 0.2
  done
  local port
  port="$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/$name.out" | head -1)"
  [ -n "$port" ] || { echo "bench: node $name did not start" >&2; cat "$work/$name.err" >&2; exit 1; }
  echo "$pid $port"
}
cpu() { awk -v t="$tick" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }

# audit PORT: one run through the API; prints "seconds members"
audit() {
  local id
  id="$(curl -s -X POST -H 'X-Phoenix: 1' "http://127.0.0.1:$1/api/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["runId"])')"
  for _ in $(seq 1 3000); do
    if curl -s "http://127.0.0.1:$1/api/runs/$id" > "$work/run.json" && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if "members" in d else 1)' "$work/run.json"; then
      python3 - "$work/run.json" <<'EOF'
import json, sys
from datetime import datetime
d = json.load(open(sys.argv[1]))
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
assert d["complete"], "run cut short"
print("%.2f %d" % ((t(d["finishedAt"]) - t(d["startedAt"])).total_seconds(), len(d["members"])))
EOF
      return
    fi
    sleep 0.2
  done
  echo "bench: run $id did not finish" >&2; exit 1
}

rows="$work/rows.tsv"
: > "$rows"
cd "$work"
for setup in 1 3; do
  names=(); nodepids=(); nodeports=()
  if [ "$setup" = 1 ]; then
    read -r pid port < <(start_node single --config "$work/node1.yaml")
    [ -n "${port:-}" ] || exit 1
    pids+=("$pid"); names+=(single); nodepids+=("$pid"); nodeports+=("$port")
  else
    for i in 0 1 2; do
      z="${zones[$i]}"
      read -r pid port < <(start_node "node-$z" --config "$work/node3.yaml" --cluster --cluster-port "${ports[$i]}" --zone "$z")
      [ -n "${port:-}" ] || exit 1
      pids+=("$pid"); names+=("node-$z"); nodepids+=("$pid"); nodeports+=("$port")
      if [ "$i" = 0 ]; then sleep 3; fi   # node a forms the cluster and takes the lead
    done
    for _ in $(seq 1 300); do
      n="$(curl -s "http://127.0.0.1:${nodeports[2]}/api/cluster" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["nodes"]) if d["leader"] else 0)' 2>/dev/null || echo 0)"
      [ "$n" = 3 ] && break
      sleep 0.2
    done
    [ "$n" = 3 ] || { echo "bench: the cluster did not form" >&2; exit 1; }
  fi
  for r in $(seq 1 "$runs"); do
    before=(); for p in "${nodepids[@]}"; do before+=("$(cpu "$p")"); done
    read -r secs count < <(audit "${nodeports[0]}")
    cpus=""
    for k in "${!nodepids[@]}"; do
      used="$(python3 -c "print('%.1f' % ($(cpu "${nodepids[$k]}") - ${before[$k]}))")"
      probed=""
      if [ "$setup" = 3 ]; then
        probed="$(curl -s "http://127.0.0.1:${nodeports[$k]}/api/cluster" | python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["probed"].values()))')"
        probed=" (probed $probed in total)"
      fi
      cpus+="${names[$k]} ${used} s${probed}; "
    done
    printf '%s\t%s\t%s\t%s\t%s\n' "$setup" "$r" "$count" "$secs" "${cpus%; }" >> "$rows"
    echo "bench: $setup node(s), run $r: $count members in $secs s; CPU ${cpus%; }" >&2
  done
  for p in "${nodepids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${nodepids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; done
done

mkdir -p "$root/bench/results"
out="$root/bench/results/cluster-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "Cluster benchmark: $members simulated members in three zones, $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo
  echo "| nodes | run | members in the scorecard | run time (s) | per member (µs) | CPU during the run, per node |"
  echo "|---|---|---|---|---|---|"
  while IFS=$'\t' read -r setup r count secs cpus; do
    per="$(python3 -c "print('%.0f' % ($secs * 1e6 / $count))")"
    echo "| $setup | $r | $count | $secs | $per | $cpus |"
  done < "$rows"
} | tee "$out"
echo "bench: written to $out" >&2
