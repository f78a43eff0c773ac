#!/usr/bin/env bash
# Side-by-side: DeepRC vs DuckDB (the anchors' harness) on the same workloads, same row counts and
# thread counts, in ONE run, so the ratio is meaningful on a shared, noisy machine.
#
#   bench/compare_duckdb.sh [ROWS] [REPS] [OPS...]        e.g. bench/compare_duckdb.sh 10000000 3 csv join
#
# Needs ../shared/anchors/duck/node_modules (run ../shared/anchors/setup.sh, or set ANCHORS to a
# copy where `npm install` was run) and a built artifacts/bin/deeprc (./build.sh).
# Prints both systems' median lines and one `compare op=... threads=... ratio=<duckdb_s/deeprc_s>`
# line per pair (ratio > 1: DeepRC is faster).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHORS="${ANCHORS:-$ROOT/../shared/anchors}"
ROWS="${1:-1000000}"; REPS="${2:-3}"; shift 2 || true
OPS=("$@"); [ ${#OPS[@]} -gt 0 ] || OPS=(csv)
DEEPRC="$ROOT/artifacts/bin/deeprc"
[ -x "$DEEPRC" ] || { echo "build first: ./build.sh" >&2; exit 1; }
[ -d "$ANCHORS/duck/node_modules/@duckdb/node-api" ] || { echo "DuckDB not installed in $ANCHORS/duck (run its setup.sh)" >&2; exit 1; }
SCRATCH="$(mktemp -d)"; trap 'rm -rf "$SCRATCH"' EXIT

seconds() { sed -n 's/.* seconds=\([0-9.]*\).*/\1/p' | tail -1; }

for op in "${OPS[@]}"; do
  for t in 1 2; do
    case "$op" in
      csv)
        "$DEEPRC" gen W4 --rows "$ROWS" -o "$SCRATCH/w4.csv" >/dev/null
        dl=$("$DEEPRC" bench csv --rows "$ROWS" --threads "$t" --reps "$REPS" | grep 'op=csv_read')
        kl=$(node "$ANCHORS/duck/bench_duckdb.mjs" csv "$ROWS" "$t" "$REPS" "$SCRATCH/w4.csv" | grep 'stat=median')
        name=csv_read ;;
      *)
        dl=$("$DEEPRC" bench "$op" --rows "$ROWS" --threads "$t" --reps "$REPS" | grep "op=$op ")
        kl=$(node "$ANCHORS/duck/bench_duckdb.mjs" "$op" "$ROWS" "$t" "$REPS" | grep 'stat=median')
        name=$op ;;
    esac
    printf '%s\n%s\n' "$dl" "$kl"
    d=$(printf '%s\n' "$dl" | seconds)
    k=$(printf '%s\n' "$kl" | seconds)
    awk -v op="$name" -v t="$t" -v n="$ROWS" -v d="$d" -v k="$k" \
      'BEGIN { printf "compare op=%s rows=%s threads=%s deeprc_s=%s duckdb_s=%s ratio=%.2f\n", op, n, t, d, k, k / d }'
  done
done
