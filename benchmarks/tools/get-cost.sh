#!/usr/bin/env bash
# The same GET direct to a service and through the gateway of a running local stack, each closed-loop
# for a while, with the CPU each JVM spent per request (from /proc/<pid>/stat): issue #14's target 5,
# taken apart. Start the stack with the per-client limit raised first:
#   GATEWAY_RATE_LIMIT_PER_SECOND=100000 GATEWAY_RATE_LIMIT_BURST=100000 ./deploy/local/run.sh --demo
#   benchmarks/tools/get-cost.sh [seconds=20] [connections=4] [rounds=2] [path=/api/sanshe/order-types] [service port=8083]
# The first round warms the JIT (C2 compiles for a minute or more after start-up) and is not printed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-20}"; connections="${2:-4}"; rounds="${3:-2}"; path="${4:-/api/sanshe/order-types}"; port="${5:-8083}"
classes="$(mktemp -d)"; trap 'rm -rf "$classes"' EXIT
javac -d "$classes" "$here/GetLoad.java"
pid_of() { ss -ltnp | grep ":$1 " | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
gateway=$(pid_of 8080); service=$(pid_of "$port")
hz=$(getconf CLK_TCK)
run() { # url label
  local token g0 s0 out ok
  token="$("$root/deploy/local/token.sh" resident-01)"
  g0=$(ticks "$gateway"); s0=$(ticks "$service")
  out=$(java -cp "$classes" GetLoad "$1" "$token" "$connections" "$seconds")
  ok=$(echo "$out" | grep -o '[0-9]* ok' | cut -d' ' -f1)
  printf '%-10s %s | CPU per request: gateway %4d us, service %4d us\n' "$2" "${out#*: }" \
    $(( ($(ticks "$gateway") - g0) * 1000000 / hz / (ok > 0 ? ok : 1) )) \
    $(( ($(ticks "$service") - s0) * 1000000 / hz / (ok > 0 ? ok : 1) ))
}
echo "warming up (${seconds} s each way)…"
run "http://localhost:$port$path" direct > /dev/null
run "http://localhost:8080$path" gateway > /dev/null
for ((i = 1; i <= rounds; i++)); do
  run "http://localhost:$port$path" direct
  run "http://localhost:8080$path" gateway
done
