package org.sparkae.notebooks;

import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The part of Zeppelin's {@code z} context the notes use: {@code z.show(df)} renders a DataFrame as
 * a {@code %table} (tab-separated header and rows), as Zeppelin's Spark interpreter does.
 */
public final class ZeppelinShim {
  private final PrintWriter out;

  public ZeppelinShim(PrintWriter out) {
    this.out = out;
  }

  public void show(Dataset<?> df) {
    show(df, 1000);
  }

  public void show(Dataset<?> df, int maxRows) {
    List<Row> rows = df.toDF().limit(maxRows).collectAsList();
    out.println("%table " + String.join("\t", df.columns()));
    for (Row r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length(); i++) {
        line.append(i == 0 ? "" : "\t").append(r.get(i));
      }
      out.println(line);
    }
    out.flush();
  }
}
