#!/usr/bin/env bash
# Throwaway PostgreSQL 15 server for convene's tests, listening on 127.0.0.1 only.
#
#   bash tests/pg-server.sh [start]   start (or reuse) the server; prints its URL on stdout
#   bash tests/pg-server.sh stop      stop it (the data directory is kept)
#
# A data directory left by a server that did not shut down cleanly (killed, machine stopped)
# is deleted and created afresh by `start`: its contents are throwaway, and replaying a busy
# test run's write-ahead log can take minutes. A cleanly stopped one is started again as it is.
#   bash tests/pg-server.sh status    tell whether it is running (exit 0 if it answers)
#   bash tests/pg-server.sh destroy   stop it and delete the data directory
#
# `start` prints exactly one line on stdout, the server URL, e.g.
#   postgres://postgres@127.0.0.1:25432/postgres
# so that `CONVENE_TEST_DATABASE_URL=$(bash tests/pg-server.sh)` works; everything else
# goes to stderr. The test kit creates one database per test through that URL.
#
# Environment:
#   PGTEST_DIR      data directory                      (default /tmp/convene-pg)
#   PGTEST_PORT     TCP port on 127.0.0.1               (default 25432: below Linux's
#                   ephemeral ports 32768-60999, which a busy test run's outgoing
#                   connections may hold at the moment the server binds)
#   PGTEST_TIMEOUT  seconds to wait for the server      (default 30)
#   PGTEST_BIN      directory holding initdb and pg_ctl (default: found, see below)
#
# The server binaries are looked up in /usr/local/bin and /usr/lib/postgresql/15/bin; if
# neither has initdb and we are root, postgresql-15 is installed with apt-get. initdb refuses
# to run as root, so as root the server runs as the unprivileged system user `convene-pg`
# (created if missing); as any other user it runs as that user. Authentication is `trust`:
# this is a disposable test server, never expose it.
set -euo pipefail

DATA="${PGTEST_DIR:-/tmp/convene-pg}"
DATA="${DATA%/}"
PORT="${PGTEST_PORT:-25432}"
TIMEOUT="${PGTEST_TIMEOUT:-30}"
PG_USER=convene-pg
SOCK_DIR="$(dirname -- "$DATA")/$(basename -- "$DATA")-socket"
LOG="$DATA/server.log"
URL="postgres://postgres@127.0.0.1:$PORT/postgres"

say() { printf 'pg-server: %s\n' "$*" >&2; }
die() {
    printf 'pg-server: ERROR: %s\n' "$*" >&2
    exit 1
}

case "$PORT" in
'' | *[!0-9]*) die "PGTEST_PORT must be a port number, got '$PORT'" ;;
esac
case "$TIMEOUT" in
'' | *[!0-9]*) die "PGTEST_TIMEOUT must be a number of seconds, got '$TIMEOUT'" ;;
esac
case "$DATA" in
/*) ;;
*) die "PGTEST_DIR must be an absolute path, got '$DATA'" ;;
esac

# --- locating (or installing) the server binaries ---------------------------------------

find_bin() {
    local d
    for d in ${PGTEST_BIN:+"$PGTEST_BIN"} /usr/local/bin /usr/lib/postgresql/15/bin; do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
            printf '%s\n' "$d"
            return 0
        fi
    done
    return 1
}

install_pg() {
    [[ $EUID -eq 0 ]] || die "no PostgreSQL 15 server binaries (initdb) found in /usr/local/bin or /usr/lib/postgresql/15/bin; install them (apt-get install postgresql-15) or run as root"
    command -v apt-get >/dev/null || die "no initdb found and no apt-get to install postgresql-15 with"
    say "installing postgresql-15 with apt-get"
    # Keep Debian's packaging from creating and starting its own 'main' cluster on port
    # 5432: this script runs its own server. Only done when we install PostgreSQL ourselves.
    if [[ ! -e /etc/postgresql-common/createcluster.d/convene-no-main-cluster.conf ]]; then
        mkdir -p /etc/postgresql-common/createcluster.d
        cat >/etc/postgresql-common/createcluster.d/convene-no-main-cluster.conf <<'EOF'
# Written by convene's tests/pg-server.sh when it installed postgresql-15: do not create the
# default "main" cluster on package installation. Delete this file to restore that default.
create_main_cluster = false
EOF
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql-15 >&2
}

BIN="$(find_bin)" || {
    install_pg
    BIN="$(find_bin)" || die "postgresql-15 was installed but initdb is still not in /usr/local/bin or /usr/lib/postgresql/15/bin"
}

# pg_isready is not always next to initdb (/usr/local/bin may only hold symlinks to a few
# binaries): look beside initdb's real location, then in the Debian directory, then on PATH.
PG_ISREADY=""
for cand in "$BIN/pg_isready" "$(dirname -- "$(readlink -f -- "$BIN/initdb")")/pg_isready" \
    /usr/lib/postgresql/15/bin/pg_isready; do
    if [[ -x "$cand" ]]; then
        PG_ISREADY="$cand"
        break
    fi
done
if [[ -z "$PG_ISREADY" ]]; then
    PG_ISREADY="$(command -v pg_isready)" || die "pg_isready not found (it comes with postgresql-client-15)"
fi

PSQL=""
for cand in "$BIN/psql" "$(dirname -- "$(readlink -f -- "$BIN/initdb")")/psql" \
    /usr/lib/postgresql/15/bin/psql; do
    if [[ -x "$cand" ]]; then
        PSQL="$cand"
        break
    fi
done
if [[ -z "$PSQL" ]]; then
    PSQL="$(command -v psql)" || die "psql not found (it comes with postgresql-client-15)"
fi

server_major="$("$BIN/initdb" --version | sed -n 's/^[^0-9]*\([0-9][0-9]*\).*/\1/p')"
if [[ "$server_major" != 15 ]]; then
    say "warning: $BIN/initdb is PostgreSQL '${server_major:-?}', not 15 ($("$BIN/initdb" --version))"
fi

# --- running things as the server's user ------------------------------------------------
# (fd 9 is the lock taken at the bottom: closed so that the server does not inherit it)

if [[ $EUID -eq 0 ]]; then
    AS_USER="$PG_USER"
    as_pg() { (cd / && runuser -u "$PG_USER" -- "$@" 9>&-); }
else
    AS_USER="$(id -un)"
    as_pg() { (cd / && "$@" 9>&-); }
fi

ensure_user() {
    [[ $EUID -eq 0 ]] || return 0
    id -u "$PG_USER" >/dev/null 2>&1 && return 0
    say "creating system user $PG_USER"
    local nologin=/usr/sbin/nologin
    [[ -x $nologin ]] || nologin=/bin/false
    useradd --system --user-group --create-home --home-dir "/var/lib/$PG_USER" \
        --shell "$nologin" --comment "convene test PostgreSQL" "$PG_USER" >&2
}

# Creates directory $1 owned by the server's user, mode 0700.
ensure_dir() {
    local d="$1"
    if [[ ! -d "$d" ]]; then
        mkdir -p -- "$d"
        chmod 0700 -- "$d"
        [[ $EUID -ne 0 ]] || chown "$PG_USER:" -- "$d"
    fi
    local owner
    owner="$(stat -c %U -- "$d")"
    [[ "$owner" == "$AS_USER" ]] || die "$d belongs to '$owner', not '$AS_USER'; remove it or set PGTEST_DIR to another path"
    as_pg test -w "$d" -a -x "$d" ||
        die "user '$AS_USER' cannot write to $d (is a parent directory closed to it?); set PGTEST_DIR to a path under /tmp"
}

pg_ctl_() { as_pg "$BIN/pg_ctl" -D "$DATA" "$@"; }

is_running() { [[ -f "$DATA/postmaster.pid" ]] && pg_ctl_ status >/dev/null 2>&1; }

answers() { "$PG_ISREADY" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -t 2 >/dev/null 2>&1; }

# Port of the running server, from line 4 of postmaster.pid.
running_port() { sed -n 4p "$DATA/postmaster.pid" 2>/dev/null || true; }

show_log() {
    if [[ -f "$LOG" ]]; then
        say "last lines of $LOG:"
        tail -n 30 -- "$LOG" >&2 || true
    fi
}

wait_ready() {
    local deadline=$((SECONDS + TIMEOUT))
    until answers; do
        if ((SECONDS >= deadline)); then
            show_log
            die "the server on 127.0.0.1:$PORT (data $DATA) did not answer pg_isready within ${TIMEOUT}s"
        fi
        sleep 0.5
    done
}

# --- subcommands ------------------------------------------------------------------------

init_cluster() {
    if [[ -f "$DATA/PG_VERSION" ]]; then
        local v
        v="$(cat -- "$DATA/PG_VERSION")"
        [[ -z "$server_major" || "$v" == "$server_major" ]] ||
            die "$DATA holds a PostgreSQL $v cluster but the binaries are $server_major; run '$0 destroy' first"
        return 0
    fi
    if [[ -n "$(ls -A -- "$DATA")" ]]; then
        die "$DATA is not empty and is not a PostgreSQL data directory; remove it or set PGTEST_DIR"
    fi
    say "initialising a new cluster in $DATA"
    as_pg "$BIN/initdb" -D "$DATA" --auth=trust -U postgres --encoding=UTF8 --locale=C \
        --no-instructions >&2 || die "initdb failed"
    printf "\ninclude_if_exists = 'convene-test.conf'\n" >>"$DATA/postgresql.conf"
}

# Settings rewritten at every start, so that changing PGTEST_PORT just works.
write_conf() {
    local sock="${SOCK_DIR//\'/\'\'}"
    as_pg tee "$DATA/convene-test.conf" >/dev/null <<EOF
# Written by tests/pg-server.sh at every start; edits are lost.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$sock'
max_connections = 200
fsync = on
EOF
}

# The test kit creates a database per test and leaves it (a test may be read afterwards).
# A freshly started server has no test connected, so earlier runs' databases go here; a
# reused server keeps them, since another run may be using it.
drop_test_databases() {
    local names n
    names="$("$PSQL" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -XAtc \
        "select datname from pg_database where datname like 'convene\_t\_%'")" ||
        die "could not list the test databases"
    [[ -n "$names" ]] || return 0
    say "dropping $(wc -l <<<"$names") test databases of earlier runs"
    while read -r n; do
        "$PSQL" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Xqc "drop database if exists \"$n\"" ||
            die "could not drop $n"
    done <<<"$names"
}

cmd_start() {
    ensure_user
    ensure_dir "$DATA"
    ensure_dir "$SOCK_DIR"

    if is_running; then
        local p
        p="$(running_port)"
        if [[ "$p" == "$PORT" ]]; then
            say "reusing the server already running on $DATA (port $PORT)"
            wait_ready
            printf '%s\n' "$URL"
            return 0
        fi
        say "server on $DATA runs on port ${p:-?}, not $PORT: restarting it"
        pg_ctl_ -m fast -w stop >&2 || die "could not stop the running server"
    fi

    if [[ -f "$DATA/postmaster.pid" ]]; then
        say "$DATA was not shut down cleanly: deleting it and creating a new cluster"
        find "$DATA" -mindepth 1 -delete
    fi
    init_cluster
    write_conf
    say "starting PostgreSQL ($BIN) on 127.0.0.1:$PORT, data $DATA, log $LOG"
    if ! pg_ctl_ -l "$LOG" -w -t "$TIMEOUT" start >&2; then
        if is_running; then
            # Started but not ready in time: a second `start` would only collide with it.
            say "the server is still starting; waiting up to ${TIMEOUT}s more"
        else
            show_log
            say "pg_ctl start failed; trying once more in 3 s"
            sleep 3
            if ! pg_ctl_ -l "$LOG" -w -t "$TIMEOUT" start >&2; then
                show_log
                die "pg_ctl start failed twice (is port $PORT already used by another server?)"
            fi
        fi
    fi
    wait_ready
    drop_test_databases
    say "ready"
    printf '%s\n' "$URL"
}

cmd_stop() {
    if [[ ! -f "$DATA/postmaster.pid" ]]; then
        say "no server running on $DATA"
        return 0
    fi
    if ! is_running; then
        say "no server running on $DATA (stale postmaster.pid)"
        return 0
    fi
    say "stopping the server on $DATA"
    pg_ctl_ -m fast -w -t "$TIMEOUT" stop >&2 || die "pg_ctl stop failed"
}

cmd_status() {
    if is_running; then
        say "running on $DATA, port $(running_port)"
        if answers; then
            say "answering on 127.0.0.1:$PORT"
            return 0
        fi
        say "NOT answering on 127.0.0.1:$PORT"
        return 1
    fi
    say "not running ($DATA)"
    return 3
}

cmd_destroy() {
    # Its data is about to be deleted: stop without the shutdown checkpoint a fast stop writes
    # (close to a minute after a full test run).
    if [[ -f "$DATA/postmaster.pid" ]] && is_running; then
        say "stopping the server on $DATA without a checkpoint"
        pg_ctl_ -m immediate -w -t "$TIMEOUT" stop >&2 || die "pg_ctl stop failed"
    fi
    say "deleting $DATA and $SOCK_DIR"
    rm -rf -- "$DATA" "$SOCK_DIR" "$DATA.lock"
}

# One invocation at a time per data directory (e.g. two `just test-pg` in parallel).
mkdir -p -- "$(dirname -- "$DATA")"
exec 9>"$DATA.lock"
flock -w $((TIMEOUT + 30)) 9 || die "another pg-server.sh holds $DATA.lock"

case "${1:-start}" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
destroy) cmd_destroy ;;
-h | --help | help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2 ;;
*) die "unknown subcommand '$1' (expected start, stop, status or destroy)" ;;
esac
