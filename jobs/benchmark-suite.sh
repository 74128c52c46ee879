#!/usr/bin/env bash
# sparkae defaults suite (org.sparkae.bench.BenchmarkSuite): the stage with only inputCol set, against
# MLlib PCA and LinkedIn's IsolationForest, on four tabular outlier sets and two image sets, every
# baseline in the same run on the same splits. Writes target/suite/suite.json and suite.md.
# Fashion-MNIST joins when installed (apt-get install dataset-fashion-mnist).
#
# Usage: jobs/benchmark-suite.sh [--sets satellite,ionosphere,pima,breastcancer,digits,fashion-mnist]
#   [--seeds 5] [--classes 0,1,...] [--fashion-train-rows N] [--fashion-test-rows N]
#   [--validation] [--ae name=value ...] [--out DIR]   (--help lists every option)
# --validation scores a quarter of each train split and never reads the test split: settings are
# chosen that way; --ae sets a stage param on top of the defaults to try it.
#
# The suite and its baselines are test code (the isolation forest is a test dependency), so this
# runs from the Maven test classpath rather than the job jar.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
classpath=target/suite-classpath.txt
if [ ! -f target/test-classes/org/sparkae/bench/BenchmarkSuite.class ] \
    || [ -n "$(find src pom.xml -newer target/test-classes/org/sparkae/bench/BenchmarkSuite.class -name '*.java' -print -quit)" ]; then
  echo "sparkae: compiling (mvn -q test-compile) ..." >&2
  mvn -q -B test-compile
fi
if [ ! -f "$classpath" ] || [ pom.xml -nt "$classpath" ]; then
  mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
fi
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
java_opts="$(awk '$1 == "spark.driver.extraJavaOptions" { $1 = ""; print }' conf/spark-defaults.conf)"
# shellcheck disable=SC2086 # java_opts is a list of options
exec java $java_opts -Xmx8g -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
  -Dspark.serializer=org.apache.spark.serializer.KryoSerializer \
  -Dspark.kryo.registrator=org.sparkae.train.Nd4jKryoRegistrator -Dspark.sql.shuffle.partitions=4 \
  -Dspark.ui.enabled=false -cp "target/test-classes:target/classes:$(cat "$classpath")" \
  org.sparkae.bench.BenchmarkSuite "$@"
