#!/usr/bin/env bash
# Probe throughput, side by side in one run: `phoenix audit` of a simulated fleet versus
# `curl --parallel --parallel-max 64` fetching the same member URLs (a tuned native client that
# only fetches: no fingerprinting, no comparison, no report), for several fleet sizes.
#
#   bench/probe-throughput.sh                        # N = 1,000 10,000 100,000, 5 runs each
#   SIZES="1000 10000" RUNS=3 bench/probe-throughput.sh
#
# Prints a table of medians, the ratio Phoenix/curl, Phoenix's cost per member and its peak
# RSS (heap capped with -Xmx512m), and writes it to bench/results/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${SIZES:-1000 10000 100000}"
runs="${RUNS:-5}"
heap="${PHOENIX_HEAP:--Xmx512m}"
jar="$root/auditor/target/phoenix.jar"
# Phoenix runs the way users run it: through ./phoenix (its JVM flags and class-data archive),
# with the heap capped.
export PHOENIX_JAVA_OPTS="$heap"

for tool in curl java python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: GNU time is required for peak RSS (apt-get install time)" >&2; exit 2; }
"$root/phoenix" --version >/dev/null   # builds the jar and the class-data archive when missing

work="$(mktemp -d /tmp/phoenix-bench.XXXXXX)"
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
raw="$work/raw.tsv"
: > "$raw"

for n in $sizes; do
  dir="$work/$n"
  mkdir -p "$dir"
  echo "bench: N=$n: starting the simulated fleet" >&2
  java -Xmx2g -jar "$jar" simulate --members "$n" --urls-out "$dir/urls.txt" --config-out "$dir/phoenix.yaml" \
    > "$dir/simulate.log" 2>&1 &
  sim_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^ready' "$dir/simulate.log" 2>/dev/null && break
    kill -0 "$sim_pid" 2>/dev/null || { cat "$dir/simulate.log" >&2; exit 1; }
    sleep 0.2
  done
  grep -q '^ready' "$dir/simulate.log" || { echo "bench: the fleet did not start" >&2; exit 1; }
  awk '{ print "url = \"" $0 "\""; print "output = \"/dev/null\"" }' "$dir/urls.txt" > "$dir/curl.cfg"

  phoenix_run() {
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" \
      "$root/phoenix" audit --config "$dir/phoenix.yaml" --out "$dir/out" > "$dir/audit.log" 2>&1 \
      || { echo "bench: phoenix audit failed (exit $?):" >&2; tail -5 "$dir/audit.log" >&2; exit 1; }
    members=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['members']))" "$dir/out/scorecard.json")
    [ "$members" = "$n" ] || { echo "bench: scorecard has $members members, expected $n" >&2; exit 1; }
    cat "$dir/time.txt"
  }
  curl_run() {
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" curl -s --fail --parallel --parallel-max 64 "$@" --config "$dir/curl.cfg" \
      2>"$dir/curl.err" || { echo "bench: curl failed" >&2; exit 1; }
    cat "$dir/time.txt"
  }

  echo "bench: N=$n: warm-up (Phoenix captures baselines; both fill the page cache)" >&2
  phoenix_run > /dev/null
  curl_run > /dev/null
  quiet_sockets() {
    # the previous run's connections linger in TIME_WAIT for a minute and slow new connects;
    # let them drain so that every measured run starts from the same state (at most 70 s)
    command -v ss >/dev/null || return 0
    for _ in $(seq 1 70); do
      [ "$(ss -tan state time-wait | wc -l)" -lt 20000 ] && return 0
      sleep 1
    done
  }
  for r in $(seq 1 "$runs"); do
    # alternate the order so that neither client always runs second
    if [ $((r % 2)) -eq 1 ]; then
      quiet_sockets; p=$(phoenix_run); quiet_sockets; c=$(curl_run)
    else
      quiet_sockets; c=$(curl_run); quiet_sockets; p=$(phoenix_run)
    fi
    # for reference: curl made to open one connection per member as Phoenix does (at the largest
    # sizes members share listeners and curl otherwise reuses connections between them)
    quiet_sockets; k=$(curl_run -H "Connection: close")
    echo "bench: N=$n run $r: phoenix ${p% *} s (peak RSS ${p#* } KiB), curl ${c% *} s, curl a connection per member ${k% *} s" >&2
    printf '%s\tphoenix\t%s\t%s\n' "$n" "${p% *}" "${p#* }" >> "$raw"
    printf '%s\tcurl\t%s\t%s\n' "$n" "${c% *}" "${c#* }" >> "$raw"
    printf '%s\tcurl-close\t%s\t%s\n' "$n" "${k% *}" "${k#* }" >> "$raw"
  done
  kill "$sim_pid" 2>/dev/null || true
  wait "$sim_pid" 2>/dev/null || true
  sim_pid=""
done

mkdir -p "$root/bench/results"
out="$root/bench/results/probe-throughput-$(date -u +%Y%m%dT%H%M%SZ).md"
python3 - "$raw" "$runs" "$heap" > "$out" <<'PY'
import statistics, sys, collections, platform, os, subprocess
raw, runs, heap = sys.argv[1], sys.argv[2], sys.argv[3]
rows = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(raw):
    n, who, secs, rss = line.split()
    rows[int(n)][who].append((float(secs), int(rss)))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Probe throughput, {runs} runs per size, medians. Machine: {os.cpu_count()} cores ({cpu}), "
      f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB; Phoenix heap {heap}.")
print()
print("| members | Phoenix audit (s) | curl --parallel-max 64 (s) | ratio Phoenix/curl | Phoenix per member (µs) | Phoenix peak RSS (MiB) | curl, a connection per member (s) |")
print("|---:|---:|---:|---:|---:|---:|---:|")
per_member = {}
for n in sorted(rows):
    p = statistics.median(s for s, _ in rows[n]["phoenix"])
    c = statistics.median(s for s, _ in rows[n]["curl"])
    rss = max(r for _, r in rows[n]["phoenix"]) / 1024
    per_member[n] = p / n * 1e6
    k = statistics.median(s for s, _ in rows[n]["curl-close"])
    print(f"| {n:,} | {p:.2f} | {c:.2f} | {p / c:.2f} | {per_member[n]:.1f} | {rss:.0f} | {k:.2f} |")
if len(per_member) > 1:
    lo, hi = min(per_member), max(per_member)
    print()
    print(f"Cost per member from {lo:,} to {hi:,} members: {per_member[lo]:.1f} µs -> {per_member[hi]:.1f} µs "
          f"({(per_member[hi] / per_member[lo] - 1) * 100:+.0f}%).")
PY
cat "$out"
echo
echo "(written to ${out#$root/})"
