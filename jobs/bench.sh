#!/usr/bin/env bash
# sparkae benchmark: our stages vs plain single-JVM DL4J, side by side in one JVM (org.sparkae.bench.Benchmark).
# Writes target/bench/bench.json and target/bench/bench.md. Uses the full Fashion-MNIST when
# /usr/share/datasets/fashion-mnist is installed (apt-get install dataset-fashion-mnist), else the sample.
#
# Usage: jobs/bench.sh [--master local[2]] [--epochs 5] [--score-rows 250000,500000,1000000] [--sample]
#                     [--worker-batch-size 64] [--averaging-frequency 40] [--learning-rate 1e-3]  (the tuned run)
#                     [--only roundCost|defaultsTraining|tunedTraining]   (one part alone, bench.json only)
set -euo pipefail
SPARKAE_BENCH_HEAP=${SPARKAE_BENCH_HEAP:-4g} exec "$(dirname "${BASH_SOURCE[0]}")/_bench.sh" \
  org.sparkae.bench.Benchmark "$@"
