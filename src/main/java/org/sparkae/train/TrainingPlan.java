package org.sparkae.train;

/**
 * How fit trains, derived from the number of training rows where the user left a setting to the stage.
 *
 * <ul>
 *   <li>Workers ({@code numWorkers} 0): Spark's default parallelism, but each worker gets at least
 *       {@value #ROUNDS_PER_WORKER} averaging rounds of rows per epoch ({@code batchSize x averagingFrequency}
 *       rows each). Splitting small data thinner makes every worker take a step or two between averagings, and
 *       a round's fixed cost then outweighs the work while the model converges slower per epoch. When the plan
 *       chooses the rounds too ({@code batchSize} and {@code averagingFrequency} unset), data below
 *       {@value #ONE_WORKER_ROWS} rows (four of its rounds on each of two workers) trains on one worker, which
 *       uses all of its executor's cores when its steps are large enough ({@link ExecutorCores}): as fast as two workers there, and to the loss
 *       of single-JVM training.
 *   <li>Minibatch ({@code batchSize} not set): the default split over the workers (so an averaged step sees as
 *       many rows as one of single-JVM training, and an epoch takes as many steps), but no more than a worker's
 *       rows / {@value #MIN_STEPS_PER_EPOCH}, and at least {@value #MIN_BATCH}: a few hundred rows still give the
 *       optimizer enough steps per pass.
 *   <li>Averaging ({@code averagingFrequency} and {@code batchSize} not set): one worker has nothing to average
 *       with, so it fits its whole epoch in one round; several fit about {@value #ROUND_ROWS} rows each between
 *       averagings (40 minibatches of 64), so a round's fixed cost stays small beside its work, but at least
 *       {@value #ROUNDS_PER_WORKER} rounds an epoch, with the epoch's minibatches spread evenly over its rounds.
 *       With either set, averagingFrequency is kept, except that one worker still fits its whole epoch.
 *   <li>Epochs ({@code maxEpochs} 0): enough for {@value #STEP_BUDGET} optimizer steps per worker, at least
 *       {@value #MIN_EPOCHS} and at most {@value #MAX_EPOCHS}.
 * </ul>
 */
public record TrainingPlan(int workers, int batchSize, int averagingFrequency, int epochs) {
  public static final int ROUNDS_PER_WORKER = 4;
  public static final int MIN_STEPS_PER_EPOCH = 64;
  public static final int MIN_BATCH = 32;
  public static final int STEP_BUDGET = 4000;
  public static final int MIN_EPOCHS = 10;
  public static final int MAX_EPOCHS = 100;
  public static final int ROUND_ROWS = 2560;
  public static final int ONE_WORKER_ROWS = 2 * ROUNDS_PER_WORKER * ROUND_ROWS;

  /**
   * 1 below ONE_WORKER_ROWS rows when {@code roundsChosen} (batchSize and averagingFrequency unset), else
   * min(parallelism, max(1, rows / (ROUNDS_PER_WORKER x batchSize x averagingFrequency))).
   */
  public static int workers(int parallelism, long rows, int batchSize, int averagingFrequency, boolean roundsChosen) {
    if (roundsChosen && rows < ONE_WORKER_ROWS) {
      return 1;
    }
    long perWorker = (long) ROUNDS_PER_WORKER * batchSize * averagingFrequency;
    return (int) Math.max(1, Math.min(parallelism, rows / perWorker));
  }

  /**
   * The plan for {@code rows} training rows on {@code workers} workers.
   *
   * @param batchSize the batchSize param; {@code batchSizeSet} false lets the plan choose smaller minibatches
   * @param averagingFrequency the averagingFrequency param; {@code frequencySet} and {@code batchSizeSet} both false
   *     let the plan choose
   * @param maxEpochs the maxEpochs param; 0 = from the step budget
   */
  public static TrainingPlan of(long rows, int workers, int batchSize, boolean batchSizeSet, int averagingFrequency,
      boolean frequencySet, int maxEpochs) {
    long perWorker = (rows + workers - 1) / workers;
    int batch = batchSizeSet ? batchSize
        : (int) Math.max(MIN_BATCH, Math.min(batchSize / workers, perWorker / MIN_STEPS_PER_EPOCH));
    long steps = Math.max(1, (perWorker + batch - 1) / batch);
    int frequency;
    if (workers == 1) {
      frequency = (int) Math.max(averagingFrequency, steps);
    } else if (frequencySet || batchSizeSet) {
      // A minibatch set by hand keeps its rounds of batchSize x averagingFrequency rows, as configured before.
      frequency = averagingFrequency;
    } else {
      // Rounds first, then the steps spread evenly over them: no short last round paying a full round's cost.
      long rounds = Math.max(ROUNDS_PER_WORKER, (steps * batch + ROUND_ROWS - 1) / ROUND_ROWS);
      frequency = (int) ((steps + rounds - 1) / rounds);
    }
    int epochs = maxEpochs > 0 ? maxEpochs
        : (int) Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, (STEP_BUDGET + steps - 1) / steps));
    return new TrainingPlan(workers, batch, frequency, epochs);
  }
}
