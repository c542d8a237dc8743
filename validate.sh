#!/usr/bin/env bash
# Validates a running MSP Analytics instance, as the seed's validate.sh does for its stack.
# Usage: ./validate.sh [BASE_URL] [API_KEY]
#   BASE_URL defaults to http://localhost:8080.
#   API_KEY (argument or environment) is an all-permission key; without one, the script runs
#   `java -jar target/msp-analytics.jar seed` (same DATA_DIR / DATABASE_URL as the server) to make one.
# Prints PASS/FAIL per check and exits non-zero if any check failed.
set -uo pipefail

BASE_URL="${1:-${BASE_URL:-http://localhost:8080}}"
API_KEY="${2:-${API_KEY:-}}"
HERE="$(cd "$(dirname "$0")" && pwd)"
COMPOSE="$HERE/deploy/docker-compose.yml"
failures=0

passes=0
pass() { printf 'PASS  %s\n' "$1"; passes=$((passes + 1)); }
fail() { printf 'FAIL  %s\n' "$1"; failures=$((failures + 1)); }
check() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1 (expected $3, got $2)"; fi; }

# status METHOD PATH [curl args...] -> prints the HTTP status; headers land in $HEADERS
HEADERS="$(mktemp)"; BODY="$(mktemp)"
trap 'rm -f "$HEADERS" "$BODY"' EXIT
status() {
  local method="$1" path="$2"; shift 2
  curl -s -o "$BODY" -D "$HEADERS" -w '%{http_code}' -X "$method" "$@" "$BASE_URL$path"
}
header() { grep -i "^$1:" "$HEADERS" | head -1 | cut -d: -f2- | tr -d ' \r'; }

echo "Validating $BASE_URL"

# --- Health ---------------------------------------------------------------
code=$(status GET /health)
check "GET /health answers 200" "$code" 200
grep -q '"status":"UP"' "$BODY" && grep -q '"database":"UP"' "$BODY" \
  && pass "health reports status UP and database UP" || fail "health body: $(cat "$BODY")"

# --- Authentication -------------------------------------------------------
if [ -z "$API_KEY" ]; then
  JAR="$HERE/target/msp-analytics.jar"
  if [ -f "$JAR" ]; then
    API_KEY=$(java -jar "$JAR" seed --tenant "Validation MSP" 2>/dev/null | tail -1)
  fi
fi
if [[ "$API_KEY" != msp_ak_* ]]; then
  fail "an API key is needed: pass one, or build the jar (./mvnw package) so the seed command can run"
  echo "$failures check(s) failed"; exit 1
fi

check "401 without a credential" "$(status GET /api-keys)" 401
check "401 with an invalid key" "$(status GET /api-keys -H 'X-API-Key: msp_ak_invalid')" 401
check "200 with the API key" "$(status GET /api-keys -H "X-API-Key: $API_KEY")" 200

code=$(status POST /api-keys -H "X-API-Key: $API_KEY" -H 'Content-Type: application/json' \
  -d '{"name":"validate.sh read-only","permissions":["read"]}')
READ_KEY=$(sed -n 's/.*"key":"\(msp_ak_[A-Za-z0-9]*\)".*/\1/p' "$BODY")
READ_KEY_ID=$(sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' "$BODY")
check "a read-only key can be created" "$code" 201
check "403 for a missing permission (read-only key on POST /sync/tickets)" \
  "$(status POST /sync/tickets -H "X-API-Key: $READ_KEY")" 403
[ -n "$READ_KEY_ID" ] && status DELETE "/api-keys/$READ_KEY_ID" -H "X-API-Key: $API_KEY" >/dev/null

# --- Alerts and digests -----------------------------------------------------
check "GET /notifications answers 200" "$(status GET /notifications -H "X-API-Key: $API_KEY")" 200
code=$(status GET /digest/preview -H "X-API-Key: $API_KEY")
check "GET /digest/preview answers 200 with HTML" "$code $(header Content-Type | cut -d';' -f1)" "200 text/html"
check "POST /digest/send without SMTP settings answers 409" "$(status POST /digest/send -H "X-API-Key: $API_KEY")" 409

# --- Rate limit: 60 /sync requests per tenant per minute, then 429 -------------
# Start at the beginning of a window so that all 61 requests fall into the same one.
status POST /sync/tickets -H "X-API-Key: $API_KEY" >/dev/null
reset=$(header RateLimit-Reset); remaining=$(header RateLimit-Remaining)
if [ -z "$reset" ]; then
  fail "RateLimit-* headers on /sync responses"
else
  if [ "$remaining" != "59" ] || [ "$reset" -lt 20 ]; then
    echo "      waiting ${reset}s for a fresh rate-limit window"
    sleep $((reset + 1))
    status POST /sync/tickets -H "X-API-Key: $API_KEY" >/dev/null
  fi
  accepted=1; limited=0
  for _ in $(seq 2 60); do
    code=$(status POST /sync/tickets -H "X-API-Key: $API_KEY")
    if [ "$code" = 429 ]; then limited=$((limited + 1)); else accepted=$((accepted + 1)); fi
  done
  check "60 /sync requests accepted within one window" "$accepted" 60
  code=$(status POST /sync/tickets -H "X-API-Key: $API_KEY")
  check "the 61st /sync request gets 429" "$code" 429
  retry=$(header Retry-After)
  if [[ "$retry" =~ ^[0-9]+$ ]] && [ "$retry" -ge 1 ] && [ "$retry" -le 60 ]; then
    pass "429 carries Retry-After: $retry"
  else
    fail "429 carries a Retry-After between 1 and 60 (got '$retry')"
  fi
  grep -q '"status":429' "$BODY" && pass "429 body is problem JSON" || fail "429 body: $(cat "$BODY")"
fi

# --- Compose network isolation (static) ------------------------------------------
# service_networks NAME -> the networks listed for a service in the compose file
service_networks() {
  awk -v svc="  $1:" '
    $0 == svc { inside = 1; next }
    inside && /^  [a-z]/ { inside = 0 }
    inside && /^    networks:/ { gsub(/.*\[|\].*/, ""); gsub(/ /, ""); print; exit }
  ' "$COMPOSE"
}
if [ -f "$COMPOSE" ]; then
  awk '/^  backend:/{b=1;next} b&&/internal: true/{found=1} b&&/^  [a-z]/{b=0} END{exit !found}' "$COMPOSE" \
    && pass "compose: backend network is internal (no internet)" || fail "compose: backend network is internal"
  for svc in postgres redis n8n-worker; do
    check "compose: $svc only on backend" "$(service_networks "$svc")" backend
  done
  offenders=$(for svc in $(awk '/^services:/{s=1;next} /^[a-z]/{s=0} s&&/^  [a-z0-9-]+:$/{gsub(/[ :]/,"");print}' "$COMPOSE"); do
    [ "$svc" != analytics-api ] && service_networks "$svc" | grep -qw egress && echo "$svc"; done)
  [ -z "$offenders" ] && pass "compose: only analytics-api is on egress" || fail "compose: on egress besides the API: $offenders"
  service_networks analytics-api | grep -qw egress && pass "compose: analytics-api reaches egress" \
    || fail "compose: analytics-api reaches egress"
  unbound=$(grep -E '^\s+- "?[0-9]+:[0-9]+' "$COMPOSE" || true)
  [ -z "$unbound" ] && pass "compose: every published port is bound to 127.0.0.1" || fail "compose: ports not on loopback: $unbound"
  grep -q 'CMD-SHELL", "redis-cli -a \\"\$\${REDIS_PASSWORD}\\"' "$COMPOSE" \
    && pass "compose: Redis healthcheck uses CMD-SHELL with the password" || fail "compose: Redis CMD-SHELL healthcheck"
else
  fail "compose file $COMPOSE not found"
fi

if [ "$failures" -eq 0 ]; then echo "All checks passed"; else echo "$failures check(s) failed"; fi
echo "validate: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
