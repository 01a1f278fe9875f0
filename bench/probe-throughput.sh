#!/usr/bin/env bash
# Probe throughput, like for like, side by side in one run: `phoenix audit` of a simulated fleet
# against two curl peers fetching the same member URLs with 64 transfers in flight:
#
#   curl, one connection per member   curl --parallel -H "Connection: close" (the like-for-like peer:
#                                     in a real fleet every member is its own host)
#   curl, keep-alive                  curl --parallel (reuses connections where members share a listener)
#
#   bench/probe-throughput.sh                          # N = 1, 10,000, 100,000; 5 rounds each
#   SIZES="1 10000" RUNS=3 bench/probe-throughput.sh
#
# Method: the simulated fleet runs on its own cores and every client on the others (taskset,
# when the machine has at least two); each size starts with one warm-up run of every client
# (Phoenix's captures the baselines), then RUNS rounds, each running the three clients in a
# fresh random order. Printed: medians (and min-max), the ratio of Phoenix to each curl peer,
# Phoenix's peak RSS (heap capped with -Xmx512m), the marginal cost per member between sizes
# (the slope, so that start-up is not mistaken for scaling) and the load average of the machine
# around every run. The table is written to bench/results/ too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${SIZES:-1 10000 100000}"
runs="${RUNS:-5}"
heap="${PHOENIX_HEAP:--Xmx512m}"
in_flight=64
jar="$root/auditor/target/phoenix.jar"
# Phoenix runs the way users run it: through ./phoenix (its JVM choice, flags and class-data or
# ahead-of-time cache), with the heap capped.
export PHOENIX_JAVA_OPTS="$heap"

for tool in curl java python3 shuf; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: GNU time is required for peak RSS (apt-get install time)" >&2; exit 2; }
"$root/phoenix" --version >/dev/null   # builds the jar and the launcher's caches when missing

# Pinning: the fleet on the first half of the cores this process may use, the clients on the rest.
cpus=()
if command -v taskset >/dev/null; then
  mapfile -t cpus < <(python3 -c 'import os; print(*sorted(os.sched_getaffinity(0)), sep="\n")')
fi
if [ "${#cpus[@]}" -ge 2 ]; then
  half=$(( ${#cpus[@]} / 2 ))
  fleet_cpus=$(IFS=,; echo "${cpus[*]:0:$half}")
  client_cpus=$(IFS=,; echo "${cpus[*]:$half}")
  fleet_pin=(taskset -c "$fleet_cpus")
  client_pin=(taskset -c "$client_cpus")
  pinning="fleet on CPU $fleet_cpus, each client on CPU $client_cpus"
else
  fleet_pin=()
  client_pin=()
  pinning="not pinned (fewer than 2 cores or no taskset): fleet and clients share the machine"
fi

work="$(mktemp -d /tmp/phoenix-bench.XXXXXX)"
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
raw="$work/raw.tsv"
: > "$raw"
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start="$(load)"
started_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
java_used="$(PHOENIX_WHICH_JAVA=1 "$root/phoenix" 2>/dev/null || true)"

quiet_sockets() {
  # a run's connections linger in TIME_WAIT for a minute and slow new connects; let them drain
  # below 20,000 so that every measured run starts from the same state (at most 70 s)
  command -v ss >/dev/null || return 0
  for _ in $(seq 1 70); do
    [ "$(ss -tan state time-wait | wc -l)" -lt 20000 ] && return 0
    sleep 1
  done
}

for n in $sizes; do
  dir="$work/$n"
  mkdir -p "$dir"
  echo "bench: N=$n: starting the simulated fleet ($pinning)" >&2
  "${fleet_pin[@]}" java -Xmx2g -jar "$jar" simulate --members "$n" --urls-out "$dir/urls.txt" --config-out "$dir/phoenix.yaml" \
    > "$dir/simulate.log" 2>&1 &
  sim_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^ready' "$dir/simulate.log" 2>/dev/null && break
    kill -0 "$sim_pid" 2>/dev/null || { cat "$dir/simulate.log" >&2; exit 1; }
    sleep 0.2
  done
  grep -q '^ready' "$dir/simulate.log" || { echo "bench: the fleet did not start" >&2; exit 1; }
  awk '{ print "url = \"" $0 "\""; print "output = \"/dev/null\"" }' "$dir/urls.txt" > "$dir/curl.cfg"

  # Each prints "<wall seconds> <peak RSS KiB>".
  run_phoenix() {
    rm -rf "$dir/out"
    "${client_pin[@]}" /usr/bin/time -f "%e %M" -o "$dir/time.txt" \
      "$root/phoenix" audit --config "$dir/phoenix.yaml" --out "$dir/out" --concurrency "$in_flight" > "$dir/audit.log" 2>&1 \
      || { rc=$?; [ "$rc" -le 1 ] || { echo "bench: phoenix audit failed (exit $rc):" >&2; tail -5 "$dir/audit.log" >&2; exit 1; }; }
    # every member answered: a run that timed out members measured timeouts, not throughput
    counts=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1]))['members']; print(len(m), sum(x['status']=='UNREACHABLE' for x in m))" "$dir/out/scorecard.json")
    [ "${counts% *}" = "$n" ] || { echo "bench: scorecard has ${counts% *} members, expected $n" >&2; exit 1; }
    [ "${counts#* }" = 0 ] || { echo "bench: ${counts#* } of $n members UNREACHABLE (see $dir/out/scorecard.json)" >&2; exit 1; }
    cat "$dir/time.txt"
  }
  run_curl() {
    "${client_pin[@]}" /usr/bin/time -f "%e %M" -o "$dir/time.txt" \
      curl -s --fail --parallel --parallel-max "$in_flight" "$@" --config "$dir/curl.cfg" 2>"$dir/curl.err" \
      || { echo "bench: curl failed: $(head -3 "$dir/curl.err")" >&2; exit 1; }
    cat "$dir/time.txt"
  }
  run_client() {
    case "$1" in
      phoenix) run_phoenix ;;
      curl-keepalive) run_curl ;;
      curl-close) run_curl -H "Connection: close" ;;
    esac
  }

  echo "bench: N=$n: warm-up of each client (Phoenix captures the baselines)" >&2
  for who in phoenix curl-keepalive curl-close; do
    quiet_sockets
    run_client "$who" > /dev/null
  done
  for r in $(seq 1 "$runs"); do
    for who in $(printf '%s\n' phoenix curl-keepalive curl-close | shuf); do
      quiet_sockets
      before="$(load)"
      t="$(run_client "$who")"
      echo "bench: N=$n round $r: $who ${t% *} s (peak RSS ${t#* } KiB; load $before)" >&2
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$who" "${t% *}" "${t#* }" "$r" "${before%% *}" >> "$raw"
    done
  done
  kill "$sim_pid" 2>/dev/null || true
  wait "$sim_pid" 2>/dev/null || true
  sim_pid=""
done

mkdir -p "$root/bench/results"
out="$root/bench/results/probe-throughput-$(date -u +%Y%m%dT%H%M%SZ).md"
python3 - "$raw" "$runs" "$heap" "$pinning" "$load_start" "$(load)" "$started_at" "$java_used" "$in_flight" > "$out" <<'PY'
import collections, os, statistics, subprocess, sys
raw, runs, heap, pinning, load_start, load_end, started_at, java_used, in_flight = sys.argv[1:]
rows = collections.defaultdict(lambda: collections.defaultdict(list))
loads = []
for line in open(raw):
    n, who, secs, rss, _round, load1 = line.split()
    rows[int(n)][who].append((float(secs), int(rss)))
    loads.append(float(load1))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
curl_version = subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout.split("\n")[0].split()[1]
print(f"Probe throughput, {runs} rounds per size (clients in random order each round), medians with min-max; "
      f"{in_flight} calls in flight.")
print(f"Machine: {os.cpu_count()} cores ({cpu}), "
      f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB; {pinning}.")
print(f"Phoenix: ./phoenix audit, heap {heap}, {java_used or 'java on PATH'}; curl {curl_version}.")
print(f"Started {started_at}; load average {load_start} at the start, {load_end} at the end; "
      f"1-minute load before the measured runs: {min(loads):.2f}-{max(loads):.2f}.")
print()
med = {}
def cell(n, who):
    v = [s for s, _ in rows[n][who]]
    m = statistics.median(v)
    med[(n, who)] = m
    return f"{m:.2f} ({min(v):.2f}-{max(v):.2f})"
print("| members | Phoenix audit (s) | curl, one connection per member (s) | curl, keep-alive (s) "
      "| Phoenix ÷ curl one connection per member | Phoenix ÷ curl keep-alive | Phoenix peak RSS (MiB) |")
print("|---:|---:|---:|---:|---:|---:|---:|")
sizes = sorted(rows)
for n in sizes:
    p, k, c = cell(n, "phoenix"), cell(n, "curl-close"), cell(n, "curl-keepalive")
    rss = max(r for _, r in rows[n]["phoenix"]) / 1024
    print(f"| {n:,} | {p} | {k} | {c} | {med[(n, 'phoenix')] / med[(n, 'curl-close')]:.2f} "
          f"| {med[(n, 'phoenix')] / med[(n, 'curl-keepalive')]:.2f} | {rss:.0f} |")
if len(sizes) > 1:
    print()
    print("Marginal cost per member between sizes (difference of the medians ÷ difference of the sizes), µs:")
    print()
    print("| from → to | Phoenix | curl, one connection per member | curl, keep-alive |")
    print("|---|---:|---:|---:|")
    slopes = []
    for a, b in zip(sizes, sizes[1:]):
        s = {who: (med[(b, who)] - med[(a, who)]) / (b - a) * 1e6 for who in ("phoenix", "curl-close", "curl-keepalive")}
        slopes.append((a, b, s["phoenix"]))
        print(f"| {a:,} → {b:,} | {s['phoenix']:.1f} | {s['curl-close']:.1f} | {s['curl-keepalive']:.1f} |")
    for (a, b, s1), (_, d, s2) in zip(slopes, slopes[1:]):
        print()
        print(f"Phoenix's marginal cost per member, {a:,} → {b:,} against {b:,} → {d:,}: "
              f"{s1:.1f} µs -> {s2:.1f} µs ({(s2 / s1 - 1) * 100:+.0f}%).")
PY
cat "$out"
echo
echo "(written to ${out#$root/})"
