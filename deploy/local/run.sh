#!/usr/bin/env bash
# Starts the whole 四位一体 platform on this machine: the local OIDC provider, Kafka (KRaft), a MongoDB wire-protocol server,
# the four services and the gateway, each its own process. Ctrl-C stops everything.
#
#   ./deploy/local/run.sh --demo          start and load demo residents and orders
#   ./deploy/local/run.sh --build         rebuild the jars first
#   ./deploy/local/run.sh --help          all options
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

build=false
only=false
help=false
for arg in "$@"; do
  case "$arg" in
    --build) build=true ;;
    --only|--only=*) only=true ;;
    -h|--help) help=true ;;
  esac
done

jars=(
  "$root/deploy/local/target/local-stack.jar"
  "$root/party-building-service/target/party-building-service.jar"
  "$root/public-service/target/public-service.jar"
  "$root/sanshe-service/target/sanshe-service.jar"
  "$root/volunteer-service/target/volunteer-service.jar"
  "$root/gateway/target/gateway.jar"
  "$root/deploy/oidc/target/local-oidc.jar"
)
# with --only, just the launcher itself has to exist (e.g. --only kafka,mongodb while a service runs in the IDE)
$only && jars=("${jars[0]}")
if $help; then
  build=false
elif ! $build; then
  for jar in "${jars[@]}"; do
    if [[ ! -f "$jar" ]]; then
      echo "Missing ${jar#"$root"/}: building the platform first (./mvnw -q -B -DskipTests package)…"
      build=true
      break
    fi
  done
  [[ -d "$root/deploy/local/target/lib" ]] || build=true
  # sources changed since the jars were built (e.g. after a git pull): rebuild, so nothing stale runs
  if ! $build && ! $only; then
    oldest="$(ls -t "${jars[@]}" | tail -n 1)"
    if [[ -n "$(find "$root" -path "$root/.local-stack" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$oldest" -print -quit)" ]]; then
      echo "Sources changed since the last build: rebuilding (./mvnw -q -B -DskipTests clean package)…"
      build=true
    fi
  fi
  if $build && $only; then
    echo "Building the launcher (./mvnw -q -B -DskipTests -pl deploy/local package)…"
    (cd "$root" && ./mvnw -q -B -DskipTests -pl deploy/local package)
    build=false
  fi
fi
if $build; then
  (cd "$root" && ./mvnw -q -B -DskipTests clean package -pl '!system-tests')
fi

java_bin="java"
[[ -n "${JAVA_HOME:-}" ]] && java_bin="$JAVA_HOME/bin/java"

cd "$root"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec "$java_bin" ${LOCAL_STACK_LAUNCHER_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms16m -Xmx96m} \
  -cp "$root/deploy/local/target/local-stack.jar:$root/deploy/local/target/lib/*" \
  org.fourinone.local.LocalStack "$@"
