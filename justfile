# Tasks for convene, run with `just RECIPE` (https://just.systems; `cargo install just --locked`).
# `just` alone lists the recipes. Variables from a .env file, if present, are loaded.

set dotenv-load

pg_features := "--no-default-features --features convene/postgres,convene-tests/postgres"

_default:
    @just --list

# Start convene at http://127.0.0.1:8080 with demo data on SQLite
[group('run')]
run:
    cargo run --release -p convene

alias dev := run

# Start convene on PostgreSQL (the test server of tests/pg-server.sh, database `convene`)
[group('run')]
run-pg:
    #!/usr/bin/env bash
    set -euo pipefail
    url="$(bash tests/pg-server.sh start)"
    if [[ -z "$(psql "$url" -Atc "select 1 from pg_database where datname = 'convene'")" ]]; then
        echo "creating database convene" >&2
        psql "$url" -qc 'create database convene'
    fi
    CONVENE_DATABASE_URL="${url%/postgres}/convene" \
        cargo run --release --no-default-features --features postgres -p convene

# Run the tests on SQLite (e.g. `just test signup`)
[group('test')]
test *args:
    cargo test --workspace {{args}}

# Run the tests on PostgreSQL, starting the throwaway server if needed
[group('test')]
test-pg *args:
    #!/usr/bin/env bash
    set -euo pipefail
    url="$(bash tests/pg-server.sh start)"
    CONVENE_TEST_DATABASE_URL="$url" cargo test --workspace {{pg_features}} {{args}}

# Run the headless-browser test (fails, rather than skips, without Chromium)
[group('test')]
e2e:
    CONVENE_E2E=required cargo test --workspace --test it browser

# Fuzz the REST API with Schemathesis as anonymous, participant and organiser (about 3 minutes)
[group('test')]
fuzz:
    cargo build -p convene
    bash tests/fuzz-api.sh target/debug/convene

# Measure performance (docs/bench.sh)
[group('test')]
bench:
    bash docs/bench.sh

# Start the throwaway PostgreSQL server of the tests and print its URL
[group('db')]
pg-start:
    bash tests/pg-server.sh start

# Stop the throwaway PostgreSQL server
[group('db')]
pg-stop:
    bash tests/pg-server.sh stop

# Check formatting and run clippy on both storage engines (CI runs the same lints inside its test builds)
[group('check')]
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings
    cargo clippy --workspace --all-targets {{pg_features}} -- -D warnings

# Format all the code
[group('check')]
fmt:
    cargo fmt --all

# Run the whole CI pipeline locally (.ci/run; installs packages with apt-get when root)
[group('check')]
ci:
    bash .ci/run
