#!/usr/bin/env bash
# Measures convene on this machine and prints the figures docs/BENCHMARKS.md records:
# release binary size, time from start to the first served request, resident memory idle and
# under load, and requests per second with p50/p99 latency at 32 concurrent connections.
#
# Needs wrk (apt-get install wrk). Load goes to 127.0.0.1 only and stops by itself.
# Usage: bash docs/bench.sh [seconds per load run, default 15]
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

DURATION="${1:-15}"
PORT="${BENCH_PORT:-18080}"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }

cargo build --release -p convene >&2
BIN=target/release/convene
DATA="$(mktemp -d)"
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$DATA"' EXIT

# Migrate and load the demo data first, so that start-up below is a normal restart.
CONVENE_DATA_DIR="$DATA" "$BIN" seed demo >/dev/null
BENCH_PASSWORD="bench-password-$$"
CONVENE_DATA_DIR="$DATA" "$BIN" user add --email bench@example.org --name Bench --password "$BENCH_PASSWORD" --admin >/dev/null

start_ns=$(date +%s%N)
CONVENE_DATA_DIR="$DATA" CONVENE_BIND="127.0.0.1:$PORT" RUST_LOG=warn "$BIN" serve >/dev/null 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.005; done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$PID/status"; }
sleep 1
idle=$(rss_kib)

load() { # path → "requests/s p50 p99"
    wrk -t2 -c32 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$1" -H 'Accept-Language: de' |
        awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
             END {print rps, p50, p99, (bad == "" ? 0 : bad)}'
}

read -r h_rps h_p50 h_p99 h_bad < <(load /healthz)
read -r p_rps p_p50 p_p99 p_bad < <(load /)

# Agendas: 100 sessions over 2 days in 4 rooms, then the scaling to 500 and 2,000.
BASE="http://127.0.0.1:$PORT"
declare -A FIRST
for n in 100 500 2000; do
    FIRST[$n]=$(python3 docs/bench_agenda.py "$BASE" bench@example.org "$BENCH_PASSWORD" "bench-$n" "$n")
done
declare -A ROWS
for n in 100 500 2000; do
    read -r a_rps a_p50 a_p99 a_bad < <(load "/events/bench-$n/agenda")
    read -r i_rps i_p50 i_p99 i_bad < <(load "/events/bench-$n/agenda.ics")
    page_bytes=$(curl -s "$BASE/events/bench-$n/agenda" | wc -c)
    ics_bytes=$(curl -s "$BASE/events/bench-$n/agenda.ics" | wc -c)
    ROWS[$n]="| $n | ${a_rps} req/s, p99 ${a_p99} ($((page_bytes / 1024)) KiB) | ${i_rps} req/s, p99 ${i_p99} ($((ics_bytes / 1024)) KiB) | ${a_bad}/${i_bad} |"
done
read -r s_rps s_p50 s_p99 s_bad < <(load "/events/bench-100/sessions/${FIRST[100]}")
tag=$(curl -s -D - -o /dev/null "$BASE/events/bench-100/agenda.ics" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
read -r c_rps c_p50 c_p99 c_bad < <(wrk -t2 -c32 -d"${DURATION}s" --latency "$BASE/events/bench-100/agenda.ics" -H "If-None-Match: $tag" |
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99, 0}')
peak=$(hwm_kib)

size=$(stat -c %s "$BIN")
echo "| measure | value |"
echo "|---|---|"
echo "| release binary | $((size / 1024 / 1024)) MiB ($size bytes) |"
echo "| start to first served request (migrated database) | ${ready_ms} ms |"
echo "| resident memory, idle | $((idle / 1024)) MiB |"
echo "| resident memory, peak under load | $((peak / 1024)) MiB |"
echo "| \`GET /healthz\`, 32 connections | ${h_rps} req/s, p50 ${h_p50}, p99 ${h_p99}, non-2xx ${h_bad} |"
echo "| \`GET /\` (home page, German), 32 connections | ${p_rps} req/s, p50 ${p_p50}, p99 ${p_p99}, non-2xx ${p_bad} |"
echo "| session page (agenda of 100), 32 connections | ${s_rps} req/s, p50 ${s_p50}, p99 ${s_p99}, non-2xx ${s_bad} |"
echo "| \`agenda.ics\` of 100 answered 304 (If-None-Match), 32 connections | ${c_rps} req/s, p50 ${c_p50}, p99 ${c_p99} |"
echo
echo "| sessions | agenda page | agenda.ics | non-2xx page/ics |"
echo "|---|---|---|---|"
for n in 100 500 2000; do echo "${ROWS[$n]}"; done
