#!/usr/bin/env bash
# sparkae quality benchmark (org.sparkae.bench.QualityBenchmark): on the full Fashion-MNIST, our
# stages vs PCA-32, raw pixels and classic filters, every baseline in the same run. Writes
# target/quality/quality.json and quality.md. Needs apt-get install dataset-fashion-mnist (falls
# back to the bundled sample, saying so).
#
# Usage: jobs/benchmark-quality.sh [--architecture dense|conv] [--conv-filters 32,64] [--noises gaussian,masking] [--max-epochs 20] [--batch-size 64] [--averaging-frequency 20] [--learning-rate-decay 1.0] [--classes 0,1,...] [--skip features,outliers,denoising] [--sample]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/_submit.sh" org.sparkae.bench.QualityBenchmark --no-conf "$@"
