#!/usr/bin/env bash
# JMH micro-benchmark of the per-member CPU cost: fingerprint and diff of a member with 1,000
# facts, and JSON body -> facts -> fingerprint. Extra arguments go to JMH (e.g. -f 2 -wi 5).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -pl probes -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >&2
cp="probes/target/test-classes:probes/target/classes:$(cat probes/target/bench.classpath)"
exec java -cp "$cp" org.openjdk.jmh.Main FingerprintBenchmark "$@"
