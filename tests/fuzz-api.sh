#!/usr/bin/env bash
# Fuzz the REST API with Schemathesis (property-based tests generated from /api/openapi.json),
# after checking the document itself with openapi-spec-validator.
#
#   bash tests/fuzz-api.sh [BINARY]
#
# Starts BINARY (default: $CONVENE_BIN, else target/debug/convene) on a throwaway database with
# the demo data on a free port of 127.0.0.1, signs in two demo accounts to make API tokens, and
# runs `schemathesis run` three times: anonymous (no token), participant
# (lena.schaefer@demo.convene.test) and organiser (organiser@demo.convene.test), in that order
# (the organiser's run changes the most demo data, so it goes last). Then it runs the client
# example tests/api-client-example.py as the organiser.
#
# Fails if any check of `--checks all` fails: a 5xx, a response that breaks its documented
# schema, a schema-valid request refused for a rule the document does not state
# (`positive_data_acceptance`), an invalid one accepted (`negative_data_rejection`), and the
# rest; also if a request gets no answer, the server log shows a panic, or the server is not
# alive afterwards. tests/fuzz-api.toml names the operations whose rules between fields or
# against stored data may rightly refuse a schema-valid request with 422.
#
# A binary built for PostgreSQL (`--features postgres`) is detected; it then runs on a throwaway
# PostgreSQL cluster started with tests/pg-server.sh (a folder under $TMPDIR) and destroyed after.
#
# Environment:
#   CONVENE_BIN         the binary (the first argument wins); it is copied before it is started
#   FUZZ_MAX_EXAMPLES   examples per operation in the fuzzing phase (default 5; the coverage
#                       phase's deterministic cases come on top: about 5,000 requests a run)
#   FUZZ_SEED           Schemathesis seed (default 1, so runs are repeatable)
#   FUZZ_OUT            where reports go (default target/fuzz-api; emptied first): per identity
#                       schemathesis.log, ndjson and junit reports, failures.txt (every failure,
#                       grouped); server.log
#   FUZZ_VENV           the Python venv holding Schemathesis (default target/fuzz-venv, or a
#                       folder under $TMPDIR when there is no target/); created if missing
#   FUZZ_KEEP_SERVER=1  leave the server running at the end (prints its URL); for debugging
#
# Time: about 1 minute per identity on a 2-core machine with a debug build.
set -euo pipefail

cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

SCHEMATHESIS_VERSION=4.32.5
SPEC_VALIDATOR_VERSION=0.7.2
BIN="${1:-${CONVENE_BIN:-target/debug/convene}}"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-5}"
SEED="${FUZZ_SEED:-1}"
OUT="${FUZZ_OUT:-$ROOT/target/fuzz-api}"
if [[ -n "${FUZZ_VENV:-}" ]]; then
    VENV="$FUZZ_VENV"
elif [[ -d "$ROOT/target" ]]; then
    VENV="$ROOT/target/fuzz-venv"
else
    VENV="${TMPDIR:-/tmp}/convene-fuzz-venv"
fi
# Each identity's run must end within this many seconds (a hang fails the step).
RUN_TIMEOUT=600

say() { printf 'fuzz-api: %s\n' "$*" >&2; }
die() {
    printf 'fuzz-api: ERROR: %s\n' "$*" >&2
    exit 1
}

[[ -x "$BIN" ]] || die "no executable binary at '$BIN' (build it, or pass its path / set CONVENE_BIN)"
command -v curl >/dev/null || die "curl is missing"
command -v python3 >/dev/null || die "python3 is missing"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/convene-fuzz.XXXXXX")"
SERVER_PID=""
PG_STARTED=0
cleanup() {
    local rc=$?
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        if [[ "${FUZZ_KEEP_SERVER:-}" == 1 ]]; then
            say "server left running: pid $SERVER_PID, $BASE (data in $WORK)"
            exit "$rc"
        fi
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ $PG_STARTED -eq 1 ]]; then
        PGTEST_DIR="$WORK-pg" PGTEST_PORT="$PG_PORT" bash "$ROOT/tests/pg-server.sh" destroy >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# --- Schemathesis, pinned, from PyPI ----------------------------------------------------------

ST="$VENV/bin/schemathesis"
if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '$SCHEMATHESIS_VERSION')" 2>/dev/null; then
    say "installing schemathesis==$SCHEMATHESIS_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('openapi-spec-validator') != '$SPEC_VALIDATOR_VERSION')" 2>/dev/null; then
    say "installing openapi-spec-validator==$SPEC_VALIDATOR_VERSION into $VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "openapi-spec-validator==$SPEC_VALIDATOR_VERSION"
fi
"$ST" --version >&2

# --- the server -------------------------------------------------------------------------------

rm -rf "$OUT"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
# A copy: the original may be rebuilt while we run.
cp "$BIN" "$WORK/convene"
BIN="$WORK/convene"

DB_ARGS=()
probe="$("$BIN" --data-dir "$WORK/probe" migrate 2>&1 || true)"
rm -rf "$WORK/probe"
if [[ "$probe" == *"built for postgres"* ]]; then
    PG_PORT="$(free_port)"
    say "the binary is a PostgreSQL build: starting a throwaway cluster on 127.0.0.1:$PG_PORT"
    PG_STARTED=1
    # Beside $WORK, not in it: the server runs as another user, who cannot enter $WORK (0700).
    pg_url="$(PGTEST_DIR="$WORK-pg" PGTEST_PORT="$PG_PORT" bash "$ROOT/tests/pg-server.sh" start 2>"$OUT/pg-server.log")" ||
        die "could not start PostgreSQL (see $OUT/pg-server.log)"
    # The fresh cluster's `postgres` database is empty: the demo data goes there.
    DB_ARGS=(--database-url "$pg_url")
elif [[ "$probe" != *"migrations applied"* ]]; then
    die "the binary could not migrate a new SQLite database: $probe"
fi

PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
say "starting $BIN on $BASE"
# Webhooks may name local receivers, so that every address the API document allows is taken
# (a public-only server refuses local ones with 422, which the document says).
"$BIN" "${DB_ARGS[@]}" --data-dir "$WORK/data" --bind "127.0.0.1:$PORT" --base-url "$BASE" \
    --webhooks-allow-local true --demo true serve >"$OUT/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 120); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited at start: $(tail -5 "$OUT/server.log")"
    if curl -fsS -o "$WORK/openapi.json" "$BASE/api/openapi.json" 2>/dev/null; then break; fi
    sleep 0.5
done
[[ -s "$WORK/openapi.json" ]] || die "the server did not answer within 60 s"
cp "$WORK/openapi.json" "$OUT/openapi.json"
# The document itself first: valid OpenAPI 3.0 by a strict validator (schema, references).
"$VENV/bin/openapi-spec-validator" "$WORK/openapi.json" >&2 || die "the OpenAPI document is not valid (openapi-spec-validator)"
# The operations live under the path of the document's first server (/api/v1).
API="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["servers"][0]["url"].rstrip("/"))' "$WORK/openapi.json")"

# --- API tokens: sign in with the HTML form, then POST /me/tokens with the session cookie -----
# (a token may not create tokens, so this is the one way; the demo password is in README.md)

make_token() {
    local email="$1" jar="$WORK/cookies-${1%%@*}" csrf code body
    csrf="$(curl -fsS -c "$jar" -b "$jar" "$BASE/signin" |
        sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)"
    [[ -n "$csrf" ]] || die "no CSRF token on $BASE/signin"
    code="$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -X POST "$BASE/signin" \
        --data-urlencode "csrf_token=$csrf" --data-urlencode "next=/me" \
        --data-urlencode "email=$email" --data-urlencode "password=convene-demo")"
    [[ "$code" == 303 ]] && grep -q convene_session "$jar" || die "sign-in of $email failed (HTTP $code)"
    body="$(curl -fsS -b "$jar" -X POST -H 'Content-Type: application/json' \
        -d '{"name":"fuzz-api","access":"read_write","expires_in_days":1}' "$API/me/tokens")" ||
        die "could not create an API token for $email"
    python3 -c 'import json, sys; print(json.loads(sys.argv[1])["secret"])' "$body"
}
PARTICIPANT_TOKEN="$(make_token lena.schaefer@demo.convene.test)"
ORGANISER_TOKEN="$(make_token organiser@demo.convene.test)"
curl -fsS -o /dev/null -H "Authorization: Bearer $PARTICIPANT_TOKEN" "$API/me" || die "the participant's token is refused by GET /me"
curl -fsS -o /dev/null -H "Authorization: Bearer $ORGANISER_TOKEN" "$API/me" || die "the organiser's token is refused by GET /me"

# --- the report: every failure of any check, grouped ------------------------------------------

cat >"$WORK/analyse.py" <<'PYEOF'
"""Reads one Schemathesis NDJSON report; prints a summary line and writes failures.txt.

Every failure is grouped by what is wrong: a 5xx by its status; a response that failed
`response_schema_conformance` is validated again against the document to list every violation
(Schemathesis names only the first), keyed by the schema location it breaks; any other check by
its name and the fields the answer named. Exit status 1 if anything failed."""
import base64, collections, json, re, sys
from urllib.parse import urlsplit
import jsonschema_rs

ndjson, openapi, who, out = sys.argv[1:5]
doc = json.load(open(openapi))
# Checks whose failures get their own report below; every other failing check is grouped by
# its name and the fields the answer named.
GATING = ("not_a_server_error", "response_schema_conformance")

def raw(body):
    if not body:
        return ""
    data = base64.b64decode(body["$base64"]) if "$base64" in body else str(body.get("string", body)).encode()
    return data.decode("utf-8", "replace")

def text(body, limit):
    s = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in raw(body))
    return s if len(s) <= limit else s[:limit] + "…"

PREFIX = urlsplit(doc["servers"][0]["url"]).path.rstrip("/")
TEMPLATES = sorted(
    ((path.count("{"), re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$"), path)
     for path in doc["paths"]),
    key=lambda t: t[0])

def operation(label, req):
    """"METHOD /template" of the request sent (stateful scenarios are labelled as a whole)."""
    method = req.get("method") or label.split(" ", 1)[0]
    path = urlsplit(req.get("uri", "")).path
    if path.startswith(PREFIX):
        path = path[len(PREFIX):]
    for _, rx, template in TEMPLATES:
        if rx.match(path) and method.lower() in doc["paths"][template]:
            return "%s %s" % (method, template)
    return label if label.startswith(method + " ") else "%s %s (%s)" % (method, path, label)

def schema_for(label, status, ctype):
    method, path = label.split(" ", 1)
    op = doc["paths"].get(path, {}).get(method.lower(), {})
    resp = op.get("responses", {}).get(str(status)) or op.get("responses", {}).get("default")
    content = (resp or {}).get("content", {})
    for ct, media in content.items():
        if ct.split(";")[0].strip() == (ctype or "").split(";")[0].strip():
            return media.get("schema")
    return None

def location(path):
    """components/schemas/X/properties/y/type -> X.y ; inline schemas keep their path."""
    p = [str(x) for x in path]
    if p[:2] == ["components", "schemas"]:
        name, rest = p[2], p[3:]
    else:
        name, rest = "(inline)", p[2:] if p[:2] == ["allOf", "0"] else p
    props = [rest[i + 1] for i in range(len(rest) - 1) if rest[i] == "properties"]
    return ".".join([name] + props), (rest[-1] if rest else "")

requests = set()
phases = collections.Counter()
groups = {}  # key -> {"ops": Counter, "example": str}

failing = set()  # unique responses (or dropped connections) that fail a gating check

def add(key, op_status, example, case):
    g = groups.setdefault(key, {"ops": collections.Counter(), "example": example})
    g["ops"][op_status] += 1
    failing.add(case)

for line in open(ndjson):
    event = json.loads(line)
    err = event.get("NonFatalError")
    if err:  # e.g. the server closed the connection without an answer: a panic in a handler
        value = err.get("value", {})
        add(("5xx", "no response: %s" % value.get("type")), "%s -> no response" % err.get("label"),
            "%s (the request: 'Reproduce with' under ERRORS in schemathesis.log)" % value.get("message", "")[:200],
            err.get("id"))
        continue
    s = event.get("ScenarioFinished")
    if not s:
        continue
    rec = s["recorder"]
    label = rec.get("label", "?")
    for cid, inter in rec.get("interactions", {}).items():
        if cid not in requests:
            requests.add(cid)
            phases[s["phase"]] += 1
    for cid, checks in rec.get("checks", {}).items():
        inter = rec.get("interactions", {}).get(cid) or {}
        req, resp = inter.get("request") or {}, inter.get("response") or {}
        status = resp.get("status_code")
        ctype = (resp.get("headers", {}).get("content-type") or [""])[0]
        example = "%s %s%s\n        -> %s %s" % (
            req.get("method"), req.get("uri"),
            ("  body: " + text(req.get("body"), 160)) if req.get("body") else "",
            status, text(resp.get("content"), 240))
        op = operation(label, req)
        for c in checks:
            if c["status"] != "failure":
                continue
            if c["name"] not in GATING:
                # Any other check of `--checks all`: grouped by check and the fields the
                # answer named (a 422 says which rule refused the request).
                try:
                    named = ",".join(sorted((json.loads(raw(resp.get("content"))) or {}).get("fields") or {}))
                except (ValueError, AttributeError):
                    named = ""
                add(("check", "%s%s" % (c["name"], (" (fields " + named[:120] + ")") if named else "")),
                    "%s -> %s" % (op, status), example, cid)
                continue
            failure = c["failure_info"]["failure"]
            if c["name"] == "not_a_server_error":
                add(("5xx", "server error %s" % status), "%s -> %s" % (op, status), example, cid)
                continue
            violations = []
            schema = schema_for(op, status, ctype)
            try:
                body = json.loads(raw(resp.get("content")))
            except ValueError:
                body = None
            if schema is not None and body is not None:
                validator = jsonschema_rs.Draft4Validator({"allOf": [schema], "components": doc["components"]})
                for err in validator.iter_errors(body):
                    where, keyword = location(err.schema_path)
                    if keyword == "required":
                        where = "%s.%s" % (where, err.message.split('"')[1])
                        what = "required but missing"
                    else:
                        if "." not in where:  # a whole referenced object: say where it sits
                            where += " at /" + "/".join("*" if isinstance(x, int) else str(x) for x in err.instance_path)
                        what = err.message if len(err.message) < 90 else err.message[:90] + "…"
                    violations.append((where, what))
            if not violations:  # no JSON, no schema found: keep Schemathesis's words
                violations.append(("?", failure.get("message", failure.get("title", "")).split("\n")[0]))
            for where, what in dict.fromkeys(violations):
                add(("schema", "%s: %s" % (where, what)), "%s -> %s" % (op, status), example, cid)

gating = len(failing)
n5xx = sum(sum(g["ops"].values()) for k, g in groups.items() if k[0] == "5xx")
nschema = sum(sum(g["ops"].values()) for k, g in groups.items() if k[0] == "schema")
with open(out, "w") as f:
    f.write("%s: %d requests (%s)\n" % (who, len(requests), ", ".join("%s %d" % kv for kv in sorted(phases.items()))))
    for (kind, what), g in sorted(groups.items(), key=lambda kv: (kv[0][0] != "5xx", -len(kv[1]["ops"]), kv[0][1])):
        statuses = collections.Counter()
        for op, n in g["ops"].items():
            statuses[op.rsplit(" -> ", 1)[1]] += n
        f.write("\n[%s] %s — %d responses, %d operation/status pairs; by status: %s\n" % (
            kind, what, sum(g["ops"].values()), len(g["ops"]), ", ".join("%s×%d" % kv for kv in sorted(statuses.items()))))
        for op, n in sorted(g["ops"].items()):
            f.write("    %4d  %s\n" % (n, op))
        f.write("    e.g. %s\n" % g["example"])

nother = sum(sum(g["ops"].values()) for k, g in groups.items() if k[0] == "check")
print("fuzz-api: %-11s %6d requests, %d failing (5xx or no response: %d, schema violations: %d, other checks: %d) in %d groups" % (
    who, len(requests), gating, n5xx, nschema, nother, len(groups)))
sys.exit(1 if gating or not requests else 0)
PYEOF

# --- the runs ---------------------------------------------------------------------------------

ST_ARGS=(
    --checks all                    # every check gates; the grouping is analyse.py's
    --continue-on-failure           # else one failure ends an operation's tests and hides the rest
    --no-shrink                     # shrinking costs time; the reports show the request as sent
    --max-examples "$MAX_EXAMPLES"
    --seed "$SEED"
    --workers 1                     # 2 workers crash Hypothesis' lambda cache on Python 3.11
    --generation-with-security-parameters false  # keep each run's identity: no made-up cookies or tokens
    --generation-database none
    --request-timeout 30
    --output-sanitize false         # the "Reproduce with" commands must be exact; the tokens die with the server
    --no-color
)
# Operations the authenticated runs leave out:
#   revoke_api_token (DELETE /me/tokens/{id}): token ids are small integers, so the run would
#   soon revoke its own token and every later request would only test the 401.
AUTH_EXCLUDES=(--exclude-operation-id revoke_api_token)

failed=0
summaries=()
run_identity() {
    local who="$1" token="$2" dir="$OUT/$1" args=() rc=0 start=$SECONDS
    mkdir -p "$dir"
    if [[ -n "$token" ]]; then args=(-H "Authorization: Bearer $token" "${AUTH_EXCLUDES[@]}"); fi
    say "running schemathesis as $who"
    # The verdict is analyse.py's (it also groups the failures). Its own crash or a time-out leaves no EngineFinished event.
    (cd "$dir" && timeout "$RUN_TIMEOUT" "$ST" --config-file "$ROOT/tests/fuzz-api.toml" run "$BASE/api/openapi.json" "${ST_ARGS[@]}" "${args[@]}" \
        --report ndjson,junit --report-dir "$dir" >"$dir/schemathesis.log" 2>&1) || rc=$?
    local ndjson
    ndjson="$(ls "$dir"/ndjson-*.ndjson 2>/dev/null | head -1)"
    if [[ -z "$ndjson" ]] || ! grep -q '"EngineFinished"' "$ndjson"; then
        say "schemathesis did not finish as $who (exit $rc); see $dir/schemathesis.log"
        tail -20 "$dir/schemathesis.log" >&2
        failed=1
        summaries+=("fuzz-api: $who: schemathesis did not finish (exit $rc)")
        return
    fi
    local line
    line="$("$VENV/bin/python" "$WORK/analyse.py" "$ndjson" "$WORK/openapi.json" "$who" "$dir/failures.txt")" || failed=1
    summaries+=("$line ($((SECONDS - start)) s)")
    printf '%s\n' "$line ($((SECONDS - start)) s)" >&2
}

run_identity anonymous ""
run_identity participant "$PARTICIPANT_TOKEN"
run_identity organiser "$ORGANISER_TOKEN"

# --- the client example: an integrator's script made from the document alone ----------------

say "running tests/api-client-example.py as the organiser"
if ! "$VENV/bin/python" "$ROOT/tests/api-client-example.py" "$BASE" "$ORGANISER_TOKEN" >"$OUT/api-client-example.log" 2>&1; then
    cat "$OUT/api-client-example.log" >&2
    failed=1
    summaries+=("fuzz-api: the client example failed (see $OUT/api-client-example.log)")
else
    summaries+=("$(tail -1 "$OUT/api-client-example.log")")
fi

# --- still alive? -----------------------------------------------------------------------------

alive=1
kill -0 "$SERVER_PID" 2>/dev/null || alive=0
code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "$BASE/api/openapi.json" || true)"
[[ "$code" == 200 ]] || alive=0
# A panic in a handler drops the connection (counted above as "no response"); any panic fails.
panics="$(grep -c 'panicked' "$OUT/server.log" || true)"

printf '\n'
for s in "${summaries[@]}"; do printf '%s\n' "$s"; done
printf 'fuzz-api: server %s after the runs (GET /api/openapi.json: %s); %s panic(s) in its log\n' \
    "$([[ $alive -eq 1 ]] && echo alive || echo DEAD)" "$code" "$panics"
if [[ "$panics" -gt 0 ]]; then
    grep -A1 'panicked at' "$OUT/server.log" | grep -v '^--$' | paste - - | sed 's/^.*panicked at /    panic at /' | sort | uniq -c
    failed=1
fi
printf 'fuzz-api: grouped failures in %s/<identity>/failures.txt\n' "$OUT"
[[ $alive -eq 1 ]] || failed=1
if [[ $failed -ne 0 ]]; then
    printf 'fuzz-api: FAILED (schemathesis %s, seed %s, --max-examples %s)\n' "$SCHEMATHESIS_VERSION" "$SEED" "$MAX_EXAMPLES"
    exit 1
fi
printf 'fuzz-api: passed (schemathesis %s, seed %s, --max-examples %s)\n' "$SCHEMATHESIS_VERSION" "$SEED" "$MAX_EXAMPLES"
