#!/usr/bin/env bash
# sparkae quality benchmark (org.sparkae.bench.QualityBenchmark): on the full Fashion-MNIST, our
# stages vs PCA-32, raw pixels and classic filters, every baseline in the same run. Writes
# target/quality/quality.json and quality.md. Needs apt-get install dataset-fashion-mnist (falls
# back to the bundled sample, saying so).
#
# Usage: jobs/benchmark-quality.sh [--skip features,outliers,denoising,randomforest] [--validation]
#   [--architecture dense|conv] [--conv-filters 32,64] [--conv-kernel 3] [--conv-refine 0]
#   [--encoder-layers 512,256]
#   [--features-epochs 40]
#   [--features-noise 0.2] [--outlier-noise 0] [--max-epochs 20] [--learning-rate 0.001]
#   [--learning-rate-decay 1.0] [--learning-rate-drops 0] [--l2 0] [--batch-size 64] [--averaging-frequency 20]
#   [--outlier-batch-size 128] [--outlier-learning-rate 0.0001] [--outlier-error-scaling residualStd|none]
#   [--loss mse|xent] [--activation relu]
#   [--latent-activation identity]
#   [--noises gaussian,masking] [--classes 0,1,...] [--checkpoint-dir DIR] [--sample]
#   (--help lists every option)
# With --checkpoint-dir, every model is saved after each epoch and the same command, run again,
# resumes where it stopped (convolutional runs take hours on a 2-vCPU machine).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/_bench.sh" org.sparkae.bench.QualityBenchmark "$@"
