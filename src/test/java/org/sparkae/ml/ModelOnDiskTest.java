package org.sparkae.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.param.ParamMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkae.FailingFileSystem;
import org.sparkae.TestSpark;

/** Saved models: what loading refuses, and what a failed save leaves behind. */
class ModelOnDiskTest {
  @TempDir
  static Path dir;
  private static AutoencoderModel model;

  @BeforeAll
  static void fit() {
    model = new Autoencoder().setEncoderLayers(3).setLatentSize(2).setBatchSize(8).setMaxEpochs(1)
        .fit(TestSpark.uniformRows(32, 4, 1));
  }

  @Test
  void directoriesThatAreNotModelsAreRefusedByEveryReader() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path random = Files.createDirectories(dir.resolve("random/metadata"));
    Files.writeString(random.resolve("part-00000"), "this is not JSON");
    List<Runnable> loads = new ArrayList<>();
    for (Path p : List.of(empty, random, dir.resolve("missing"))) {
      String path = p.toUri().toString();
      loads.add(() -> AutoencoderModel.load(path));
      loads.add(() -> Autoencoder.load(path));
      loads.add(() -> NoiseCorruptor.load(path));
    }
    for (Runnable load : loads) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, load::run);
      assertTrue(e.getMessage().contains("it is not a saved Spark ML stage"), e.getMessage());
    }
  }

  @Test
  void aJavaSerializedParameterFileIsNeverDeserialized() throws Exception {
    Path saved = dir.resolve("serialized");
    model.write().save(saved.toUri().toString());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new java.util.HashMap<>(java.util.Map.of("payload", "gadget chain")));
    }
    Files.write(saved.resolve("data/params.bin"), bytes.toByteArray());
    Files.deleteIfExists(saved.resolve("data/.params.bin.crc"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AutoencoderModel.load(saved.toUri().toString()));
    assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not a sparkae parameter file"),
        e.getMessage());
  }

  @Test
  void aSaveThatFailsPartWayLeavesThePreviousModelIntact() throws Exception {
    String path = dir.resolve("atomic").toUri().toString();
    model.write().save(path);
    AutoencoderModel other = model.copy(new ParamMap()).setThreshold(123.0);
    FailingFileSystem.install();
    FailingFileSystem.failOn = "params.bin";
    try {
      Exception e = assertThrows(Exception.class, () -> other.write().overwrite().save(path));
      assertTrue(String.valueOf(e.getMessage()).contains("injected failure"), e.getMessage());
    } finally {
      FailingFileSystem.uninstall();
    }
    AutoencoderModel reloaded = AutoencoderModel.load(path);
    assertEquals(model.getThreshold(), reloaded.getThreshold(), "the old model is still there");
    assertArrayEquals(model.parameters(), reloaded.parameters());
    try (var siblings = Files.list(dir)) {
      assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".atomic")),
          "no temporary or moved-aside directories are left");
    }
  }
}
