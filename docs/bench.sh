#!/usr/bin/env bash
# Measures convene on this machine and prints the figures docs/BENCHMARKS.md records, side by side
# with the ceiling of the machine and the HTTP stack: a poem server answering the same paths with
# the same bodies from memory (tests/examples/fixed_body_server.rs), loaded in the same run.
#
# Prints: release binary size, time from start to the first served request, resident memory idle
# and at its peak over the whole run, and for each page and feed requests per second and p99
# latency at 32 concurrent connections, for convene and for the ceiling, with convene's share.
#
# Needs wrk (apt-get install wrk) and python3. Load goes to 127.0.0.1 only and stops by itself.
# Usage: bash docs/bench.sh [seconds per load run, default 15]
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

DURATION="${1:-15}"
PORT="${BENCH_PORT:-18080}"
CEILING_PORT="${BENCH_CEILING_PORT:-18081}"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }

cargo build --release -p convene >&2
cargo build --release -p convene-tests --example fixed_body_server >&2
BIN=target/release/convene
CEILING_BIN=target/release/examples/fixed_body_server
DATA="$(mktemp -d)"
PID=""
CEILING_PID=""
trap 'kill $PID $CEILING_PID 2>/dev/null || true; rm -rf "$DATA"' EXIT

# Migrate and load the demo data first, so that start-up below is a normal restart.
CONVENE_DATA_DIR="$DATA" "$BIN" seed demo >/dev/null
BENCH_PASSWORD="bench-password-$$"
CONVENE_DATA_DIR="$DATA" "$BIN" user add --email bench@example.org --name Bench --password "$BENCH_PASSWORD" --admin >/dev/null

start_ns=$(date +%s%N)
CONVENE_DATA_DIR="$DATA" CONVENE_BIND="127.0.0.1:$PORT" RUST_LOG=warn "$BIN" serve >/dev/null 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.005; done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
sleep 1
idle=$(rss_kib "$PID")

load() { # URL [header] → "requests/s p50 p99 non-2xx"
    local extra=()
    [ -n "${2:-}" ] && extra=(-H "$2")
    wrk -t2 -c32 -d"${DURATION}s" --latency "$1" -H 'Accept-Language: de' "${extra[@]}" |
        awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
             END {print rps, p50, p99, (bad == "" ? 0 : bad)}'
}

# Agendas: 100 sessions over 2 days in 4 rooms, and 2,000 for the scaling.
BASE="http://127.0.0.1:$PORT"
declare -A FIRST
for n in 100 2000; do
    FIRST[$n]=$(python3 docs/bench_agenda.py "$BASE" bench@example.org "$BENCH_PASSWORD" "bench-$n" "$n")
done

# What is measured: (label, path, goal as a share of the ceiling or "" for none).
LABELS=("event page" "agenda page, 100 sessions" "agenda.ics, 100 sessions" "session page"
        "agenda page, 2,000 sessions" "agenda.ics, 2,000 sessions" "home page")
PATHS=("/events/bench-100" "/events/bench-100/agenda" "/events/bench-100/agenda.ics"
       "/events/bench-100/sessions/${FIRST[100]}" "/events/bench-2000/agenda"
       "/events/bench-2000/agenda.ics" "/")
GOALS=("20 %" "20 %" "30 %" "20 %" "" "" "")

# The ceiling serves the very bodies convene sends a visitor (German, not signed in).
CEILING_ARGS=()
for i in "${!PATHS[@]}"; do
    ext=html
    case "${PATHS[$i]}" in *.ics) ext=ics ;; esac
    file="$DATA/body-$i.$ext"
    curl -sf -H 'Accept-Language: de' "$BASE${PATHS[$i]}" -o "$file"
    CEILING_ARGS+=("${PATHS[$i]}=$file")
done
"$CEILING_BIN" "127.0.0.1:$CEILING_PORT" "${CEILING_ARGS[@]}" &
CEILING_PID=$!
until curl -sf "http://127.0.0.1:$CEILING_PORT/" >/dev/null; do sleep 0.005; done

ROWS=()
for i in "${!PATHS[@]}"; do
    read -r c_rps _ c_p99 c_bad < <(load "$BASE${PATHS[$i]}")
    read -r f_rps _ f_p99 _ < <(load "http://127.0.0.1:$CEILING_PORT${PATHS[$i]}")
    bytes=$(stat -c %s "$DATA/body-$i."*)
    share=$(awk -v c="$c_rps" -v f="$f_rps" 'BEGIN {printf "%.1f %%", 100 * c / f}')
    ROWS+=("| ${LABELS[$i]} ($((bytes / 1024)) KiB) | ${c_rps} req/s, p99 ${c_p99} | ${f_rps} req/s, p99 ${f_p99} | ${share} | ${GOALS[$i]:-–} | ${c_bad} |")
done
tag=$(curl -s -D - -o /dev/null "$BASE/events/bench-100/agenda.ics" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
read -r n_rps _ n_p99 _ < <(load "$BASE/events/bench-100/agenda.ics" "If-None-Match: $tag")
read -r br_rps _ br_p99 br_bad < <(load "$BASE/events/bench-100/agenda" "Accept-Encoding: br")
read -r h_rps _ h_p99 h_bad < <(load "$BASE/healthz")
peak=$(hwm_kib "$PID")
ceiling_peak=$(hwm_kib "$CEILING_PID")

size=$(stat -c %s "$BIN")
echo "| measure | value |"
echo "|---|---|"
echo "| release binary | $((size / 1024 / 1024)) MiB ($size bytes) |"
echo "| start to first served request (migrated database) | ${ready_ms} ms |"
echo "| resident memory, idle | $((idle / 1024)) MiB |"
echo "| resident memory, peak over the whole run | $((peak / 1024)) MiB (ceiling server: $((ceiling_peak / 1024)) MiB) |"
echo "| \`GET /healthz\` (one database query) | ${h_rps} req/s, p99 ${h_p99}, non-2xx ${h_bad} |"
echo "| \`agenda.ics\` of 100 answered 304 (If-None-Match) | ${n_rps} req/s, p99 ${n_p99} |"
echo "| agenda page of 100, Brotli (\`Accept-Encoding: br\`) | ${br_rps} req/s, p99 ${br_p99}, non-2xx ${br_bad} |"
echo
echo "| what (body size) | convene | ceiling (fixed bodies) | share | goal | non-2xx |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
