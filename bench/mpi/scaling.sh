#!/usr/bin/env bash
# Distributed benchmarks under mpirun, in one run (compare ratios within it, the VM is shared):
#   bench/mpi/scaling.sh [join|sort|groupby|baseline ...]        (default: join sort groupby baseline)
# Environment: COMM=mpi|gloo (mpi), MAX_RANKS (4), ROWS (10000000: strong scaling and the baseline),
# ROWS_PER_RANK (2500000: weak scaling), REPS (3), DEEPRC (artifacts/bin/deeprc).
#  - strong scaling: N=ROWS rows in total on P = 1..MAX_RANKS ranks;
#  - weak scaling:   N=ROWS_PER_RANK*P rows on P ranks;
#  - baseline:       the W1 join of ROWS x ROWS on 2 ranks, DeepRC vs mpi4py + pandas
#                    (../shared/anchors/py/bench_mpi_join.py, Alltoallv), same rows and reps.
# Every figure is the median over REPS of the slowest rank's time (rank 0 prints it).
# Ranks beyond the core count are oversubscribed (this VM has 2 cores), so P > cores measures
# the overhead of sharing cores, not a speed-up.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
COMM=${COMM:-mpi}
MAX_RANKS=${MAX_RANKS:-4}
ROWS=${ROWS:-10000000}
ROWS_PER_RANK=${ROWS_PER_RANK:-2500000}
REPS=${REPS:-3}
DEEPRC=${DEEPRC:-artifacts/bin/deeprc}
ANCHORS=${ANCHORS:-../shared/anchors}
MPIRUN=(mpirun --oversubscribe --bind-to none)
[ "$(id -u)" = 0 ] && MPIRUN+=(--allow-run-as-root)
[ $# -gt 0 ] || set -- join sort groupby baseline
[ -x "$DEEPRC" ] || { echo "scaling.sh: $DEEPRC not found; run ./build.sh first" >&2; exit 1; }

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" | head -1; }

# seconds of one `deeprc bench OP` run on P ranks with N rows in total
run_deeprc() { # op ranks rows
  local line
  line=$("${MPIRUN[@]}" -np "$2" "$DEEPRC" bench "$1" --rows "$3" --threads 1 --reps "$REPS" --comm "$COMM" | grep -o 'bench=deeprc.*' | tail -1)
  [ -n "$line" ] || { echo "scaling.sh: no result line from $1 on $2 ranks" >&2; exit 1; }
  echo "$line" >&2
  echo "$line" | field seconds
}

table() { # kind op
  local kind=$1 op=$2 t1="" p rows s
  printf '\n%s scaling, %s, comm=%s\n' "$kind" "$op" "$COMM"
  printf '| ranks | rows | seconds | rows/s | %s |\n|---:|---:|---:|---:|---:|\n' \
    "$([ "$kind" = weak ] && echo 'efficiency t1/tP' || echo 'speed-up t1/tP')"
  for ((p = 1; p <= MAX_RANKS; p++)); do
    if [ "$kind" = weak ]; then rows=$((ROWS_PER_RANK * p)); else rows=$ROWS; fi
    s=$(run_deeprc "$op" "$p" "$rows")
    [ -n "$t1" ] || t1=$s
    awk -v p="$p" -v n="$rows" -v s="$s" -v t1="$t1" \
      'BEGIN { printf "| %d | %d | %.3f | %.3g | %.2f |\n", p, n, s, n / s, t1 / s }'
  done
}

baseline() {
  local ours theirs
  printf '\nW1 join %s x %s on 2 ranks: DeepRC (comm=%s) vs mpi4py + pandas (Alltoallv)\n' "$ROWS" "$ROWS" "$COMM"
  ours=$(run_deeprc join 2 "$ROWS")
  theirs=$("${MPIRUN[@]}" -np 2 /usr/bin/python3 "$ANCHORS/py/bench_mpi_join.py" "$ROWS" "$REPS" alltoallv |
           grep 'stat=median' | tail -1 | tee /dev/stderr | field seconds)
  awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "deeprc_s=%.3f mpi4py_pandas_s=%.3f ratio=%.2f\n", a, b, b / a }'
}

for what in "$@"; do
  case "$what" in
    join|sort|groupby) table strong "$what"; table weak "$what" ;;
    baseline) baseline ;;
    *) echo "scaling.sh: unknown benchmark '$what' (join, sort, groupby, baseline)" >&2; exit 2 ;;
  esac
done
