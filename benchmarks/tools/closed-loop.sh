#!/usr/bin/env bash
# Closed-loop orders through the gateway of a running local stack, with the projections' consumer lag
# and each process's CPU sampled meanwhile (issue #14's first try, without wrk). Start the stack with the
# per-client limit raised first:
#   GATEWAY_RATE_LIMIT_PER_SECOND=100000 GATEWAY_RATE_LIMIT_BURST=100000 ./deploy/local/run.sh --demo
#   benchmarks/tools/closed-loop.sh [seconds=60] [connections=16] [sample every n-th order=10]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-60}"; connections="${2:-16}"; every="${3:-10}"
tokens="$(mktemp -d)"; trap 'rm -rf "$tokens"; kill $(jobs -p) 2>/dev/null || true' EXIT
python3 - "$root/.local-stack/oidc/residents.json" "$tokens" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))[:10]:
    open(f"{sys.argv[2]}/{r['username']}.id", "w").write(r["residentId"])
PY
for u in admin $(seq -f "resident-%02g" 1 10); do "$root/deploy/local/token.sh" "$u" > "$tokens/$u"; done
java -cp "$root/deploy/local/target/lib/*" "$here/ConsumerLag.java" localhost:9092 2000 > "$tokens/lag.txt" 2>/dev/null &
( sleep $(( seconds / 3 )); "$here/process-cpu.sh" $(( seconds / 3 )) > "$tokens/cpu.txt" ) &
java -Xmx256m "$here/ClosedLoopOrders.java" http://localhost:8080 "$seconds" "$connections" "$tokens" "$every" | grep -v '^types'
wait %2 2>/dev/null || true
echo "-- CPU (% of one core) in the middle third of the run"; cat "$tokens/cpu.txt"
echo "-- consumer lag of the order projections (records), every 2 s"; cat "$tokens/lag.txt"
