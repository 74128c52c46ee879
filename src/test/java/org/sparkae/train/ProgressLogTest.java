package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLogTest {
  private final List<String> lines = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();
  private final ProgressLog log = new ProgressLog(lines::add, now::get, Duration.ofSeconds(60));

  private void at(int seconds, RoundStats round) {
    now.set(Duration.ofSeconds(seconds).toNanos());
    log.onRound(round);
  }

  private static RoundStats round(int round, double seconds) {
    return new RoundStats(3, 60, round, 10, round * 1000L, 10_000, 0.0125, seconds);
  }

  @Test
  void aLongEpochLogsItsRoundsAtMostOncePerInterval() {
    at(30, round(1, 30));
    assertEquals(List.of(), lines, "nothing before the interval has passed");
    at(61, round(2, 61));
    at(90, round(3, 90));
    assertEquals(1, lines.size(), String.join("\n", lines));
    // 2,000 of 10,000 rows in 61 s: 33 ex/s, 8,000 rows left at that pace is 244 s.
    assertEquals("epoch 3/60  round 2/10  2,000/10,000 rows (20%)  loss 0.01250  33 ex/s  epoch ETA 4:04",
        lines.get(0));
    at(125, round(4, 125));
    assertEquals(2, lines.size(), "the interval counts from the last line");
  }

  @Test
  void theEpochLineResetsTheIntervalAndTheLastRoundIsLeftToIt() {
    at(100, round(10, 100));
    assertEquals(List.of(), lines, "the epoch's own line follows its last round");
    now.set(Duration.ofSeconds(101).toNanos());
    log.onEpoch(new EpochStats(3, 0.0125, 0.0119, 101, 10_000, "lr 0.001 l2 0.0"), 60);
    at(140, round(1, 39));
    assertEquals(1, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("epoch 3/60  loss 0.01250 val 0.01190"), lines.get(0));
  }
}
