#!/usr/bin/env bash
# sparkae variational samples (org.sparkae.bench.VariationalSamples): a variational model at the stage's
# defaults generates Fashion-MNIST images; logistic regression trained on real images judges them beside
# uniform noise and decoded codes of real test images. Writes target/variational/variational.{json,md}
# and variational-samples.png (samples and a walk between two images' codes).
#
# Usage: jobs/benchmark-variational.sh [--train-rows 20000] [--samples 2000] [--sample] [--out DIR]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/_bench.sh" org.sparkae.bench.VariationalSamples "$@"
