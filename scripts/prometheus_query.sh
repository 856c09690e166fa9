#!/usr/bin/env bash
# The runbook's prometheus_query helper (RUNBOOK.md, "Helper Functions"), verbatim so that the runbook's
# commands behave here exactly as written there: it prints the first series' value, or "no data".
# Several runbook lines pipe it into jq '.data.result[]', which a single value cannot feed; for those,
# prometheus_query_json prints Prometheus's whole answer.
#   source scripts/prometheus_query.sh; prometheus_query 'up'
#   source scripts/prometheus_query.sh; prometheus_query_json 'rate(receipt_emitted_total[1m])' | jq '.data.result[]'
#   scripts/prometheus_query.sh 'up'            scripts/prometheus_query.sh --json 'up'
# PROMETHEUS_URL defaults to http://localhost:9090. Needs curl and jq.

prometheus_query() {
  local query="$1"
  local url="${PROMETHEUS_URL:-http://localhost:9090}"
  curl -s "${url}/api/v1/query" \
    --data-urlencode "query=${query}" | \
    jq -r '.data.result[0].value[1] // "no data"'
}

prometheus_query_json() {
  local query="$1"
  local url="${PROMETHEUS_URL:-http://localhost:9090}"
  curl -s "${url}/api/v1/query" \
    --data-urlencode "query=${query}"
}

# Executed rather than sourced: query the first argument. Sourcing must not change the caller's shell
# options, so strict mode is set only here.
if [[ "${BASH_SOURCE[0]}" == "${0}" ]]; then
  set -euo pipefail
  usage="usage: $0 [--json] 'PROMQL'   (PROMETHEUS_URL=${PROMETHEUS_URL:-http://localhost:9090})"
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then echo "$usage"; exit 0; fi
  helper=prometheus_query
  if [[ "${1:-}" == "--json" ]]; then helper=prometheus_query_json; shift; fi
  if [[ $# -ne 1 ]]; then echo "$usage" >&2; exit 2; fi
  "$helper" "$1" || {
    rc=$?
    echo "prometheus_query: no answer from ${PROMETHEUS_URL:-http://localhost:9090} (exit ${rc})" >&2
    exit "$rc"
  }
fi
