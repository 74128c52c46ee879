package org.sparkae.score;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/** A partition's output produced one minibatch at a time, so memory does not grow with the partition. */
final class LazyBatches {
  private LazyBatches() {}

  /** The rows {@code nextBatch} makes from {@code rows}, calling it only when the previous batch is used up. */
  static Iterator<Row> of(Iterator<Row> rows, Function<Iterator<Row>, Iterator<Row>> nextBatch) {
    return new Iterator<>() {
      private Iterator<Row> batch = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!batch.hasNext() && rows.hasNext()) {
          batch = nextBatch.apply(rows);
        }
        return batch.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batch.next();
      }
    };
  }
}
