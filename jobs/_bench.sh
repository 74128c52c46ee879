#!/usr/bin/env bash
# Shared by the benchmark scripts: runs a benchmark main (org.sparkae.bench, test code, never in the
# library or job jar) in one JVM from the Maven test classpath, compiling it first when it is stale,
# with the Spark settings of conf/spark-defaults.conf as system properties (the session reads them).
#
# Usage: _bench.sh MAIN_CLASS [--master URL] [benchmark options ...]
# SPARKAE_BENCH_HEAP (default 8g) sizes the JVM; SPARKAE_JAVA_OPTS adds JVM options (a JFR recording).
set -euo pipefail
main_class=$1
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
marker=target/test-classes/org/sparkae/bench/BenchmarkSuite.class
if [ ! -f "$marker" ] || [ -n "$(find src pom.xml -newer "$marker" -name '*.java' -print -quit)" ]; then
  echo "sparkae: compiling the benchmarks (mvn -q test-compile) ..." >&2
  mvn -q -B test-compile
fi
classpath=target/bench-classpath.txt
if [ ! -f "$classpath" ] || [ pom.xml -nt "$classpath" ]; then
  mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
fi

java_opts=()
while read -r key value; do
  case "$key" in
    ''|'#'*|spark.executor.extraJavaOptions|spark.driver.memory) ;;
    spark.driver.extraJavaOptions) read -r -a opens <<< "$value"; java_opts+=("${opens[@]}") ;;
    *) java_opts+=("-D$key=$value") ;;
  esac
done < conf/spark-defaults.conf
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --master) java_opts+=("-Dspark.master=$2"); shift 2 ;;
    --master=*) java_opts+=("-Dspark.master=${1#--master=}"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
# shellcheck disable=SC2086 # SPARKAE_JAVA_OPTS is a list of options
exec java "${java_opts[@]}" ${SPARKAE_JAVA_OPTS:-} "-Xmx${SPARKAE_BENCH_HEAP:-8g}" -Dspark.ui.enabled=false \
  -Dlog4j2.configurationFile="$root/conf/log4j2.properties" -Dsparkae.logFile="$root/target/bench.log" \
  -cp "target/test-classes:target/classes:$(cat "$classpath")" "$main_class" "${args[@]+"${args[@]}"}"
