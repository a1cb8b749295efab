#!/usr/bin/env bash
# Prints an access token for a demo account of the local OIDC provider (deploy/oidc), through the
# same authorization code + PKCE login a browser does.
#
#   ./deploy/local/token.sh cw-dzm-01                  password defaults to demo1234
#   curl -H "Authorization: Bearer $(./deploy/local/token.sh cw-dzm-01)" http://localhost:8080/api/public/communities
#   OIDC_ISSUER_URI=http://localhost:9100 ./deploy/local/token.sh admin     provider on another port
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ $# -lt 1 || $# -gt 2 || "$1" == -* ]]; then
  echo "Usage: $0 <username> [password]   (password default demo1234; issuer from OIDC_ISSUER_URI, default http://localhost:9000)" >&2
  exit 2
fi
if [[ ! -f "$here/target/local-stack.jar" ]]; then
  echo "Missing deploy/local/target/local-stack.jar: run ./deploy/local/run.sh --build first" >&2
  exit 1
fi

java_bin="java"
[[ -n "${JAVA_HOME:-}" ]] && java_bin="$JAVA_HOME/bin/java"
exec "$java_bin" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms16m -Xmx64m \
  -cp "$here/target/local-stack.jar:$here/target/lib/*" org.fourinone.local.OidcLogin "$@"
