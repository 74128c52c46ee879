# Regenerates the tabular outlier sets of the benchmark suite from R's mlbench package (Debian:
# apt-get install r-cran-mlbench), with the ODDS outlier definitions. Run from this folder:
#   Rscript export-mlbench.R
# Each CSV: the numeric feature columns, then `class` (the original class name) and `anomaly` (1/0).
mlbench <- function(name) {
  e <- new.env()
  load(file.path("/usr/lib/R/site-library/mlbench/data", paste0(name, ".rda")), envir = e)
  get(name, envir = e)
}
write_set <- function(features, class, outliers, file) {
  d <- data.frame(lapply(features, function(c) as.numeric(as.character(c))), check.names = FALSE)
  d$class <- as.character(class)
  d$anomaly <- as.integer(d$class %in% outliers)
  con <- gzfile(file, "w")
  write.csv(d, con, row.names = FALSE)
  close(con)
  cat(file, nrow(d), "rows,", ncol(features), "features,", sum(d$anomaly), "outliers\n")
}

s <- mlbench("Satellite")
write_set(s[, 1:36], s$classes, c("cotton crop", "damp grey soil", "vegetation stubble"), "satellite.csv.gz")

i <- mlbench("Ionosphere")
write_set(i[, setdiff(names(i)[1:34], "V2")], i$Class, "bad", "ionosphere.csv.gz")   # V2 is constant

p <- mlbench("PimaIndiansDiabetes")
write_set(p[, 1:8], p$diabetes, "pos", "pima.csv.gz")

b <- mlbench("BreastCancer")
b <- b[complete.cases(b), ]
write_set(b[, 2:10], b$Class, "malignant", "breastcancer.csv.gz")   # Id dropped

# Held out: never used to choose a default, only to check the defaults on tables nobody tuned on.
g <- mlbench("Glass")
write_set(g[, 1:9], g$Type, "6", "glass.csv.gz")   # tableware

h <- mlbench("Shuttle")
h <- h[h$Class != "High", ]                        # class 4 dropped, as in ODDS
write_set(h[, 1:9], h$Class, setdiff(levels(h$Class), c("Rad.Flow", "High")), "shuttle.csv.gz")
