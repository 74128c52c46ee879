package org.sparkae.io;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Maps an iterator lazily, dropping elements the function maps to null. */
public final class FilteringIterator<A, B> implements Iterator<B> {
  private final Iterator<A> source;
  private final Function<A, B> mapper;
  private B next;

  public FilteringIterator(Iterator<A> source, Function<A, B> mapper) {
    this.source = source;
    this.mapper = mapper;
  }

  @Override
  public boolean hasNext() {
    while (next == null && source.hasNext()) {
      next = mapper.apply(source.next());
    }
    return next != null;
  }

  @Override
  public B next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    B out = next;
    next = null;
    return out;
  }
}
