#!/usr/bin/env bash
# Replays the dead letters of a <topic>.dlt to their original topic on the local stack's Kafka, once the cause of the
# failures is fixed (org.fourinone.kit.consumer.DeadLetterReplay; its Javadoc says why that is safe). Offsets are
# committed in consumer group fourinone-dlt-replay, so a second run replays only newer dead letters.
#
#   ./deploy/local/replay-dead-letters.sh community.orders.v1.dlt --dry-run                 list, send nothing
#   ./deploy/local/replay-dead-letters.sh community.orders.v1.dlt --group sanshe-service.orders
#   ./deploy/local/replay-dead-letters.sh community.orders.v1.dlt --max 10
#   KAFKA_BOOTSTRAP_SERVERS=localhost:19092 ./deploy/local/replay-dead-letters.sh community.residents.v1.dlt
#
# Kafka from --bootstrap, else KAFKA_BOOTSTRAP_SERVERS, else localhost:9092 (the local stack's broker);
# KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG and KAFKA_SSL_TRUSTSTORE_LOCATION / _PASSWORD /
# _TYPE are used when set.
# Exit codes: 0 done, 1 failure, 2 bad arguments.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lib="$here/target/lib"
kit="$lib/platform-kit-0.1.0-SNAPSHOT.jar"
source_file="$root/platform-kit/src/main/java/org/fourinone/kit/consumer/DeadLetterReplay.java"

if [[ $# -lt 1 ]]; then
  echo "Usage: $0 <dlt-topic> [--bootstrap host:port] [--group <original consumer group>] [--dry-run] [--max N]" >&2
  echo "  e.g. $0 community.orders.v1.dlt --group sanshe-service.orders --dry-run   (--help for more)" >&2
  exit 2
fi

# the kit jar beside kafka-clients and slf4j in target/lib, as deploy/local's build copies them; rebuilt when missing
# or older than the command's source (e.g. after a git pull)
if [[ ! -f "$kit" ]] || [[ ! -d "$lib" ]] || [[ "$source_file" -nt "$kit" ]]; then
  echo "Missing or stale ${kit#"$root"/}: building it (./mvnw -q -B -DskipTests -pl deploy/local -am package)…" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl deploy/local -am package) >&2
fi

java_bin="java"
[[ -n "${JAVA_HOME:-}" ]] && java_bin="$JAVA_HOME/bin/java"

# no log4j2 configuration: the default one prints warnings and errors of the Kafka clients only
exec "$java_bin" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms16m -Xmx128m \
  -Dlog4j2.level=WARN \
  -cp "$lib/*" org.fourinone.kit.consumer.DeadLetterReplay "$@"
