#!/usr/bin/env bash
# JMH micro-benchmark of the per-member CPU cost: fingerprint and diff of a member with 1,000
# facts, and JSON body -> facts -> fingerprint. Extra arguments go to JMH (e.g. -f 2 -wi 5).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -pl probes/http -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >&2
cp="probes/http/target/test-classes:probes/http/target/classes:probes/core/target/classes:$(cat probes/http/target/bench.classpath)"
exec java -cp "$cp" org.openjdk.jmh.Main FingerprintBenchmark "$@"
