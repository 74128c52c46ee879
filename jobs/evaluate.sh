#!/usr/bin/env bash
# sparkae evaluate job: see org.sparkae.jobs.EvaluateJob and conf/reference.conf.
#
# Usage: jobs/evaluate.sh [--master URL] [--conf FILE] [--set key=value ...] [--help]
#   --master URL      Spark master (local[*], spark://host:7077, yarn, k8s://...); default: spark.master
#   --conf FILE       HOCON job file; default: conf/quickstart.conf
#   --set key=value   override any config key, e.g. --set autoencoder.latentSize=16
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/_submit.sh" org.sparkae.jobs.EvaluateJob "$@"
