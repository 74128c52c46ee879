"""Regenerates the suite's held-out sets wbc and wine from scikit-learn's bundled copies (Debian:
apt-get install python3-sklearn), with the ODDS outlier definitions: every benign row and 21 malignant
ones (wbc, 378 rows), every row of cultivars 2 and 3 and 10 of cultivar 1 (wine, 129 rows); the
subsampled outliers are drawn with a fixed seed. Run from this folder: /usr/bin/python3 export-sklearn.py
Same format as export-mlbench.R: the feature columns, then `class` and `anomaly` (1/0)."""
import csv
import gzip

import numpy as np
from sklearn.datasets import load_breast_cancer, load_wine


def write_set(name, data, class_names, is_outlier, keep):
    with gzip.open(name + ".csv.gz", "wt", newline="") as f:
        out = csv.writer(f)
        out.writerow([n.replace(" ", "_").replace("/", "_") for n in data.feature_names] + ["class", "anomaly"])
        for i in keep:
            out.writerow([repr(float(v)) for v in data.data[i]] + [class_names[data.target[i]], int(is_outlier[i])])
    print(name, len(keep), "rows,", data.data.shape[1], "features,", int(is_outlier[keep].sum()), "outliers")


rng = np.random.RandomState(0)
b = load_breast_cancer()
malignant = b.target == 0
keep = np.sort(np.concatenate([np.where(~malignant)[0], rng.choice(np.where(malignant)[0], 21, replace=False)]))
write_set("wbc", b, ["malignant", "benign"], malignant, keep)

w = load_wine()
first = w.target == 0
keep = np.sort(np.concatenate([np.where(~first)[0], rng.choice(np.where(first)[0], 10, replace=False)]))
write_set("wine", w, ["cultivar1", "cultivar2", "cultivar3"], first, keep)
