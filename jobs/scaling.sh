#!/usr/bin/env bash
# Measures parameter-averaging training on a standalone cluster on this machine with 1, 2 and 4
# workers (jobs/cluster.sh, one core per worker), each at averaging frequency 5 and 20, then fits
# and checks the scaling model (org.sparkae.bench.ScalingModel) and predicts 10, 100 and 1,000 workers.
# Writes target/scaling/w<W>-f<f>/ (each run's output), target/scaling/scaling.json and scaling.md.
# Uses the full Fashion-MNIST when installed (apt-get install dataset-fashion-mnist), else the sample.
#
# Usage: jobs/scaling.sh [workers...]     (default: 1 2 4)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/target/scaling"
port=7477
master="spark://127.0.0.1:$port"
export SPARKAE_MASTER_PORT=$port SPARKAE_CLUSTER_DIR="$root/target/scaling-cluster" SPARKAE_WORKER_MEMORY=3g
conf="$root/conf/fashion-mnist.conf"
if [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  echo "sparkae: the full Fashion-MNIST is not installed; measuring on the bundled sample" >&2
  conf="$root/conf/quickstart.conf"
fi
settings=(--set autoencoder.encoderLayers=[256] --set autoencoder.latentSize=32 --set autoencoder.batchSize=128
  --set autoencoder.maxEpochs=3 --set autoencoder.validationFraction=0
  --set classifier.type=none)

trap '"$root/jobs/cluster.sh" stop > /dev/null' EXIT
mkdir -p "$out"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 2 4)
for w in "${counts[@]}"; do
  SPARKAE_WORKERS=$w "$root/jobs/cluster.sh" start
  for f in 5 20; do
    "$root/jobs/train.sh" --master "$master" --conf "$conf" "${settings[@]}" \
      --set autoencoder.numWorkers="$w" --set autoencoder.averagingFrequency="$f" \
      --set "spark.conf.\"spark.cores.max\"=$w" --set "spark.conf.\"spark.executor.memory\"=2g" \
      --set "spark.conf.\"spark.scheduler.minRegisteredResourcesRatio\"=1.0" --set output.dir="$out/w$w-f$f"
  done
  "$root/jobs/cluster.sh" stop
done
"$root/jobs/_bench.sh" org.sparkae.bench.ScalingModel --master "local[1]" --runs "$out"
