#!/usr/bin/env bash
# The runbook's prometheus_query helper (RUNBOOK.md, "Helper Functions"), verbatim so that the runbook's
# commands behave here exactly as written there.
#   source scripts/prometheus_query.sh; prometheus_query 'up'
#   scripts/prometheus_query.sh 'up'
# PROMETHEUS_URL defaults to http://localhost:9090. Needs curl and jq.

prometheus_query() {
  local query="$1"
  local url="${PROMETHEUS_URL:-http://localhost:9090}"
  curl -s "${url}/api/v1/query" \
    --data-urlencode "query=${query}" | \
    jq -r '.data.result[0].value[1] // "no data"'
}

# Executed rather than sourced: query the first argument. Sourcing must not change the caller's shell
# options, so strict mode is set only here.
if [[ "${BASH_SOURCE[0]}" == "${0}" ]]; then
  set -euo pipefail
  usage="usage: $0 'PROMQL'   (PROMETHEUS_URL=${PROMETHEUS_URL:-http://localhost:9090})"
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then echo "$usage"; exit 0; fi
  if [[ $# -ne 1 ]]; then echo "$usage" >&2; exit 2; fi
  prometheus_query "$1" || {
    rc=$?
    echo "prometheus_query: no answer from ${PROMETHEUS_URL:-http://localhost:9090} (exit ${rc})" >&2
    exit "$rc"
  }
fi
