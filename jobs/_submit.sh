#!/usr/bin/env bash
# Shared by train.sh, score.sh and evaluate.sh: builds the job jar when it is missing or older than
# the sources, then submits a job class. Uses a real spark-submit ($SPARK_HOME/bin or PATH) when
# there is one; otherwise runs Spark's own org.apache.spark.deploy.SparkSubmit from the project's
# Maven classpath, so a machine with only Java 17 and Maven can run the jobs.
#
# Usage: _submit.sh MAIN_CLASS [--master URL] [--conf FILE] [--set key=value ...]
set -euo pipefail

main_class=$1
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(grep -m1 -o '<version>[^<]*' "$root/pom.xml" | cut -d'>' -f2)
jar="$root/target/sparkae-$version-job.jar"

if [ ! -f "$jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" "$root/conf/reference.conf" -newer "$jar" -print -quit)" ]; then
  echo "sparkae: building the job jar (mvn -q -DskipTests package) ..." >&2
  (cd "$root" && mvn -q -B -DskipTests package)
fi

master=""
has_conf=false
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --master) master=$2; shift 2 ;;
    --master=*) master=${1#--master=}; shift ;;
    --conf|--conf=*) has_conf=true; args+=("$1"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if ! $has_conf; then
  args=(--conf "$root/conf/quickstart.conf" "${args[@]+"${args[@]}"}")
fi
# Local runs bind to loopback (DEPENDENCIES.md pitfall 9); cluster runs keep the host's address.
if [ -z "$master" ] || [[ "$master" == local* ]]; then
  export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
fi

defaults="$root/conf/spark-defaults.conf"
# The project's settings go in as --conf, on top of the cluster's own spark-defaults.conf, which
# --properties-file would replace (Spark 3 reads only one defaults file). Driver options go through
# --driver-java-options below: the driver JVM is already running when --conf is read in client mode.
conf_args=()
while read -r key value; do
  case "$key" in
    ''|'#'*|spark.driver.extraJavaOptions) ;;
    *) conf_args+=(--conf "$key=$value") ;;
  esac
done < "$defaults"
java_opts="$(awk '$1 == "spark.driver.extraJavaOptions" { $1 = ""; print }' "$defaults") -Dlog4j2.configurationFile=$root/conf/log4j2.properties"
# Extra driver JVM options, e.g. SPARKAE_JAVA_OPTS=-XX:StartFlightRecording=filename=run.jfr to profile a run.
java_opts="$java_opts ${SPARKAE_JAVA_OPTS:-}"
master_args=()
[ -n "$master" ] && master_args=(--master "$master")

spark_submit=""
if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  spark_submit="$SPARK_HOME/bin/spark-submit"
elif command -v spark-submit > /dev/null 2>&1; then
  spark_submit=$(command -v spark-submit)
fi

if [ -n "$spark_submit" ]; then
  echo "sparkae: $spark_submit --class $main_class ${master_args[*]+${master_args[*]}} $jar" >&2
  exec "$spark_submit" --class "$main_class" --driver-java-options "$java_opts" "${conf_args[@]}" \
    "${master_args[@]+"${master_args[@]}"}" "$jar" "${args[@]}"
fi

# No Spark installation: Spark, Scala and Hadoop (the jar's provided dependencies) from Maven.
classpath="$root/target/spark-classpath.txt"
if [ ! -f "$classpath" ] || [ "$root/pom.xml" -nt "$classpath" ]; then
  (cd "$root" && mvn -q -B dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$classpath")
fi
export SPARK_SCALA_VERSION=2.12
echo "sparkae: SparkSubmit (Maven classpath) --class $main_class ${master_args[*]+${master_args[*]}} $jar" >&2
# shellcheck disable=SC2086 # java_opts is a list of options
exec java $java_opts -Xmx4g -cp "$(cat "$classpath")" org.apache.spark.deploy.SparkSubmit \
  --class "$main_class" "${conf_args[@]}" "${master_args[@]+"${master_args[@]}"}" "$jar" "${args[@]}"
