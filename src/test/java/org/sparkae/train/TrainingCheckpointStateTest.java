package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Checkpoints written before epochs recorded their optimiser still resume. */
class TrainingCheckpointStateTest {

  @Test
  void aStateFileWithTheOldTopLevelOptimizerIsRead() throws Exception {
    String old = "{\"identity\":\"network n\",\"optimizer\":\"lr 1.0E-4 l2 0.0\",\"epoch\":2,\"history\":["
        + "{\"epoch\":1,\"trainLoss\":0.5,\"validationLoss\":0.4,\"seconds\":3.0,\"examples\":10},"
        + "{\"epoch\":2,\"trainLoss\":0.3,\"validationLoss\":0.2,\"seconds\":3.0,\"examples\":10}]}";
    TrainingCheckpoint.State state = new ObjectMapper().readValue(old, TrainingCheckpoint.State.class);
    assertEquals(2, state.epoch());
    assertEquals(0.2, state.history().get(1).validationLoss());
    assertNull(state.history().get(1).optimizer(), "not recorded then");
  }
}
