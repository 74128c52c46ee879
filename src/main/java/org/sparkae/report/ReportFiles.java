package org.sparkae.report;

import java.io.IOException;

/** Where a report's files go: report.html and plots/, by name relative to the run's output. */
@FunctionalInterface
public interface ReportFiles {
  void write(String name, byte[] bytes) throws IOException;
}
