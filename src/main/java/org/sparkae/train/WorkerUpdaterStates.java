package org.sparkae.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each worker's updater state (Adam's moments) between the averaging rounds of an epoch, kept in the
 * executor's JVM so that only parameters travel every round; the states are averaged at the end of
 * each epoch. Keyed by training run, epoch and partition. Bounded, so that a run that dies
 * mid-epoch cannot pin memory for good: an evicted or lost state (an executor replaced mid-epoch)
 * makes that worker start the rest of the epoch from a fresh state.
 */
final class WorkerUpdaterStates {
  private static final int MAX_STATES = 64;

  private static final Map<String, INDArray> STATES = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, INDArray> eldest) {
      return size() > MAX_STATES;
    }
  };

  private WorkerUpdaterStates() {}

  static String key(String run, int epoch, int partition) {
    return run + "/" + epoch + "/" + partition;
  }

  static synchronized void put(String key, INDArray state) {
    STATES.put(key, state);
  }

  /** The state kept under {@code key}, removed; null when this JVM has none. */
  static synchronized INDArray take(String key) {
    return STATES.remove(key);
  }
}
