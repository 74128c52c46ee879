package org.sparkae.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints in DL4J's own format (a serialized network.zip) are refused with what to do, never read. */
class TrainingCheckpointStateTest {

  @Test
  void aCheckpointInDl4jsNetworkZipFormatIsRefused(@TempDir Path dir) throws Exception {
    Path epoch = Files.createDirectories(dir.resolve("epoch-00002"));
    Files.writeString(epoch.resolve("state.json"), "{\"identity\":\"network n\",\"epoch\":2,\"history\":["
        + "{\"epoch\":1,\"trainLoss\":0.5,\"validationLoss\":0.4,\"seconds\":3.0,\"examples\":10},"
        + "{\"epoch\":2,\"trainLoss\":0.3,\"validationLoss\":0.2,\"seconds\":3.0,\"examples\":10}]}");
    Files.write(epoch.resolve("network.zip"), new byte[] {'P', 'K', 3, 4});
    TrainingCheckpoint checkpoint = new TrainingCheckpoint(dir.toUri().toString(), new Configuration());

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> checkpoint.latest("network n", null));

    assertTrue(e.getMessage().contains("another format") && e.getMessage().contains("epoch-00002")
        && e.getMessage().contains("new checkpointDir"), e.getMessage());
  }
}
