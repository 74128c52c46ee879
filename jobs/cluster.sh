#!/usr/bin/env bash
# A Spark standalone cluster on this machine: one master and two workers on 127.0.0.1, each its own
# JVM (org.apache.spark.deploy.master.Master / worker.Worker). Uses a real Spark distribution when
# SPARK_HOME is set; otherwise assembles target/cluster/spark-home from the project's Maven
# classpath. Pids and logs go to target/cluster/; stop only stops what start started.
#
# Usage: jobs/cluster.sh start|stop|status
#   then: jobs/train.sh --master spark://127.0.0.1:7077
# Environment: SPARKAE_WORKERS (2), SPARKAE_WORKER_MEMORY (3g), SPARKAE_MASTER_PORT (7077; the
# master UI is this + 1003, worker UIs follow it), SPARKAE_CLUSTER_DIR (target/cluster).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${SPARKAE_CLUSTER_DIR:-$root/target/cluster}
port=${SPARKAE_MASTER_PORT:-7077}
ui_port=$((port + 1003))
master_url="spark://127.0.0.1:$port"
master_ui="http://127.0.0.1:$ui_port"
workers=${SPARKAE_WORKERS:-2}
worker_memory=${SPARKAE_WORKER_MEMORY:-3g}
export SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.12

spark_home() {
  if [ -n "${SPARK_HOME:-}" ] && [ -d "$SPARK_HOME/jars" ]; then
    echo "$SPARK_HOME"
    return
  fi
  local home="$root/target/cluster/spark-home"
  if [ ! -d "$home/jars" ] || [ "$root/pom.xml" -nt "$home/jars" ]; then
    echo "sparkae: assembling $home from the Maven classpath ..." >&2
    rm -rf "$home/jars"
    mkdir -p "$home/jars"
    # The same Spark, Scala and Hadoop classpath the jobs' SparkSubmit runs on, linked, not copied.
    (cd "$root" && mvn -q -B dependency:build-classpath -Dmdep.includeScope=provided \
      -Dmdep.outputFile="$home/classpath.txt")
    tr ':' '\n' < "$home/classpath.txt" | while read -r jar; do ln -sf "$jar" "$home/jars/"; done
  fi
  echo "$home"
}

opens() {
  awk '$1 == "spark.driver.extraJavaOptions" { $1 = ""; print }' "$root/conf/spark-defaults.conf"
}

launch() { # name class args...
  local name=$1 cls=$2
  shift 2
  local home
  home=$(spark_home)
  # shellcheck disable=SC2046 # opens is a list of options
  SPARK_HOME="$home" nohup java $(opens) -Xmx512m -cp "$home/jars/*" "$cls" "$@" > "$dir/$name.log" 2>&1 &
  echo $! > "$dir/$name.pid"
}

alive_workers() {
  curl -s --max-time 2 "$master_ui/json/" | grep -o '"state" *: *"ALIVE"' | wc -l || true
}

start() {
  mkdir -p "$dir/work"
  if [ -f "$dir/master.pid" ] && kill -0 "$(cat "$dir/master.pid")" 2> /dev/null; then
    echo "sparkae: a cluster started here is already running ($master_url)"
    return
  fi
  spark_home > /dev/null
  launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$ui_port"
  for i in $(seq 1 "$workers"); do
    launch "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory "$worker_memory" \
      --webui-port $((ui_port + i)) --work-dir "$dir/work" "$master_url"
  done
  for _ in $(seq 1 120); do
    if curl -s --max-time 2 -o /dev/null "$master_ui/json/" && [ "$(alive_workers)" -ge "$workers" ]; then
      echo "sparkae: standalone cluster up: $master_url ($workers workers, UI $master_ui, logs in $dir)"
      return
    fi
    sleep 0.5
  done
  echo "sparkae: the cluster did not come up within 60 s; see $dir/*.log" >&2
  stop
  exit 1
}

stop() {
  local stopped=0
  mkdir -p "$dir"
  for pidfile in "$dir"/*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2> /dev/null; then
      kill "$pid"
      for _ in $(seq 1 20); do kill -0 "$pid" 2> /dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2> /dev/null || true
      stopped=$((stopped + 1))
    fi
    rm -f "$pidfile"
  done
  rm -rf "$dir/work"/app-* 2> /dev/null || true  # each executor copied the ~160 MB app jar there
  echo "sparkae: stopped $stopped processes"
}

status() {
  for pidfile in "$dir"/*.pid; do
    [ -e "$pidfile" ] || { echo "sparkae: no cluster started here"; return 0; }
    name=$(basename "$pidfile" .pid)
    if kill -0 "$(cat "$pidfile")" 2> /dev/null; then echo "$name: running (pid $(cat "$pidfile"))"; else echo "$name: dead"; fi
  done
  echo "alive workers at $master_url: $(alive_workers)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac
