package org.sparkae.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkae.S3ProxyServer;
import org.sparkae.TestSpark;
import org.sparkae.ml.Autoencoder;
import org.sparkae.ml.AutoencoderModel;

/**
 * s3a paths and the model store against real S3 API servers on 127.0.0.1 (S3Proxy): one in memory
 * for s3a, one on disk for the store so that it survives being stopped mid-publish.
 */
@Tag("s3")
class S3Test {
  @TempDir
  static Path dir;
  private static S3ProxyServer memory;
  private static S3ProxyServer disk;
  private static AutoencoderModel model;
  private static String modelDir;

  @BeforeAll
  static void start() throws Exception {
    memory = S3ProxyServer.start(Files.createDirectories(dir.resolve("memory")), false);
    disk = S3ProxyServer.start(Files.createDirectories(dir.resolve("disk")), true);
    memory.client().createBucket("data");
    disk.client().createBucket("models");
    S3ProxyServer.useCredentials(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL);
    Configuration hadoop = TestSpark.session().sparkContext().hadoopConfiguration();
    memory.settings().applyTo(hadoop);
    hadoop.set("fs.s3a.retry.interval", "50ms");
    hadoop.set("fs.s3a.retry.throttle.interval", "50ms");
    model = new Autoencoder().setEncoderLayers(3).setLatentSize(2).setBatchSize(8).setMaxEpochs(1)
        .fit(TestSpark.uniformRows(40, 4, 1));
    modelDir = dir.resolve("model").toUri().toString();
    model.write().save(modelDir);
  }

  @AfterAll
  static void stop() throws Exception {
    S3ProxyServer.clearCredentials();
    Configuration hadoop = TestSpark.session().sparkContext().hadoopConfiguration();
    for (String key : List.of("fs.s3a.endpoint", "fs.s3a.path.style.access", "fs.s3a.aws.credentials.provider")) {
      hadoop.unset(key);
    }
    if (memory != null) {
      memory.close();
    }
    if (disk != null) {
      disk.close();
    }
  }

  private static ModelStore store(String uri) {
    return ModelStore.open(uri, disk.settings(), TestSpark.session().sparkContext().hadoopConfiguration());
  }

  @Test
  void trainJobReadsAndWritesS3aAndPublishesAndScoreJobFetchesByName() throws Exception {
    memory.client().createBucket("store");
    TestSpark.uniformRows(80, 4, 3).write().mode("overwrite").parquet("s3a://data/jobs-input.parquet");
    String[] common = {"--set", "input.format=parquet", "--set", "input.path=s3a://data/jobs-input.parquet",
        "--set", "input.labelCol=\"\"", "--set", "input.imageWidth=0", "--set", "s3.endpoint=" + memory.endpoint(),
        "--set", "s3.pathStyleAccess=true", "--set", "s3.maxRetries=1"};
    List<String> train = new java.util.ArrayList<>(List.of(common));
    train.addAll(List.of("--set", "input.testPath=\"\"", "--set", "autoencoder.encoderLayers=[3]",
        "--set", "autoencoder.latentSize=2", "--set", "autoencoder.maxEpochs=1", "--set", "autoencoder.batchSize=8",
        "--set", "autoencoder.validationFraction=0", "--set", "output.dir=s3a://data/runs/1",
        "--set", "publish.name=ae", "--set", "publish.uri=s3://store/models"));
    assertEquals(0, org.sparkae.jobs.TrainJob.run(train.toArray(String[]::new)));
    assertTrue(TestSpark.session().read().parquet("s3a://data/runs/1/scored").count() > 0);
    String version;
    try (ModelStore store = ModelStore.open("s3://store/models", memory.settings(),
        TestSpark.session().sparkContext().hadoopConfiguration())) {
      version = store.latest("ae");
      assertEquals(List.of(version), store.versions("ae"));
    }
    com.fasterxml.jackson.databind.JsonNode metrics = readJson("s3a://data/runs/1/metrics.json");
    assertEquals(version, metrics.at("/published/version").asText());

    List<String> score = new java.util.ArrayList<>(List.of(common));
    score.addAll(List.of("--set", "model.storeUri=s3://store/models", "--set", "model.name=ae",
        "--set", "output.dir=s3a://data/runs/2"));
    assertEquals(0, org.sparkae.jobs.ScoreJob.run(score.toArray(String[]::new)));
    com.fasterxml.jackson.databind.JsonNode scored = readJson("s3a://data/runs/2/metrics.json");
    assertEquals(80, scored.at("/scoring/rows").asLong());
    assertEquals(version, scored.at("/model/version").asText());
  }

  private static com.fasterxml.jackson.databind.JsonNode readJson(String path) throws Exception {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try (var in = p.getFileSystem(TestSpark.session().sparkContext().hadoopConfiguration()).open(p)) {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    }
  }

  @Test
  void parquetRoundTripOnS3a() {
    Dataset<Row> sample = TestSpark.sampleTest();
    sample.write().mode("overwrite").parquet("s3a://data/sample.parquet");
    Dataset<Row> back = TestSpark.session().read().parquet("s3a://data/sample.parquet");
    assertEquals(500, back.count());
    assertEquals(sample.agg(org.apache.spark.sql.functions.sum("label")).first().get(0),
        back.agg(org.apache.spark.sql.functions.sum("label")).first().get(0));
  }

  @Test
  void pipelineModelSavesAndLoadsOnS3a() throws Exception {
    Dataset<Row> data = TestSpark.uniformRows(40, 4, 2);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {
        new Autoencoder().setEncoderLayers(3).setLatentSize(2).setBatchSize(8).setMaxEpochs(1)}).fit(data);
    fitted.write().overwrite().save("s3a://data/models/pipeline");
    PipelineModel loaded = PipelineModel.load("s3a://data/models/pipeline");
    assertEquals(fitted.transform(data).select("reconstructionError").collectAsList(),
        loaded.transform(data).select("reconstructionError").collectAsList());
    AutoencoderModel.load("s3a://data/models/pipeline/stages/0_" + fitted.stages()[0].uid());
  }

  @Test
  void exportTrainingAndCheckpointsLiveOnS3a() throws Exception {
    Dataset<Row> data = TestSpark.uniformRows(240, 6, 4);
    Autoencoder stage = new Autoencoder().setEncoderLayers(5).setLatentSize(3).setBatchSize(16).setMaxEpochs(3)
        .setNumWorkers(2).setOutputActivation("identity").setTrainingApproach("export")
        .setExportDir("s3a://data/export").setCheckpointDir("s3a://data/checkpoints/run-1");
    AutoencoderModel model = stage.fit(data);
    double[] loss = model.summary().trainingLoss();
    assertTrue(loss[2] < loss[0], "trained from minibatch files on s3a: " + java.util.Arrays.toString(loss));
    var fs = new org.apache.hadoop.fs.Path("s3a://data/").getFileSystem(TestSpark.session().sparkContext()
        .hadoopConfiguration());
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path("s3a://data/export")) && fs.listStatus(
        new org.apache.hadoop.fs.Path("s3a://data/export")).length > 0, "exported minibatches are deleted");
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("s3a://data/checkpoints/run-1/epoch-00003/state.json")));
    // A second fit with more epochs resumes from the s3a checkpoint instead of starting over.
    AutoencoderModel resumed = stage.copy(org.apache.spark.ml.param.ParamMap.empty()).setMaxEpochs(4).fit(data);
    assertArrayEquals(loss, java.util.Arrays.copyOf(resumed.summary().trainingLoss(), 3), 0.0);
  }

  @Test
  void publishAndFetchRoundTripWithChecksums() throws Exception {
    try (ModelStore store = store("s3://models/round-trip")) {
      assertNull(store.latest("ae"));
      String v1 = store.publish(modelDir, "ae", Map.of("loss", 0.5), PublishListener.NONE);
      String v2 = store.publish(modelDir, "ae", Map.of(), PublishListener.NONE);
      assertEquals(List.of(v1, v2), store.versions("ae"));
      assertEquals(v2, store.latest("ae"));
      Manifest manifest = store.manifest("ae", v1);
      assertEquals(0.5, manifest.metrics().get("loss"));
      assertEquals("org.sparkae.ml.AutoencoderModel", manifest.params().get("class").asText());
      assertTrue(manifest.files().stream().anyMatch(f -> f.path().equals("data/params.bin")
          && f.sha256().matches("[0-9a-f]{64}")), manifest.files().toString());

      String target = dir.resolve("fetched").toUri().toString();
      assertEquals(v2, store.fetch("ae", "latest", target, PublishListener.NONE));
      AutoencoderModel fetched = AutoencoderModel.load(target);
      assertArrayEquals(model.parameters(), fetched.parameters());
      assertEquals(v1, store.fetch("ae", v1, target, PublishListener.NONE), "an older version replaces it");
    }
  }

  @Test
  void largeFilesGoUpInMultipartAndComeBackVerified() throws Exception {
    Path big = Files.createDirectories(dir.resolve("big/data"));
    byte[] bytes = new byte[20 << 20]; // above the 16 MiB multipart threshold
    new java.util.Random(1).nextBytes(bytes);
    Files.write(big.resolve("blob.bin"), bytes);
    try (ModelStore store = store("s3://models/multipart")) {
      String v = store.publish(dir.resolve("big").toUri().toString(), "big", Map.of(), PublishListener.NONE);
      String etag = disk.client().getObjectMetadata("models", "multipart/big/" + v + "/files/data/blob.bin").getETag();
      assertTrue(etag.contains("-"), "a multipart upload's ETag has a part count: " + etag);
      Path target = dir.resolve("big-fetched");
      store.fetch("big", v, target.toUri().toString(), PublishListener.NONE);
      assertArrayEquals(bytes, Files.readAllBytes(target.resolve("data/blob.bin")));
    }
  }

  @Test
  void serverStoppedMidPublishLeavesLatestOnThePreviousVersion() throws Exception {
    try (ModelStore store = store("s3://models/faults")) {
      String v1 = store.publish(modelDir, "ae", Map.of(), PublishListener.NONE);
      ModelStoreException e = assertThrows(ModelStoreException.class, () -> store.publish(modelDir, "ae", Map.of(),
          (file, done, total) -> {
            if (done == 2) {
              try {
                disk.stop();
              } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
              }
            }
          }));
      assertTrue(e.getMessage().contains("LATEST still points to " + v1), e.getMessage());
      assertTrue(e.getMessage().contains("cannot reach S3"), e.getMessage());
      disk.restart();
      assertEquals(v1, store.latest("ae"));
      assertEquals(List.of(v1), store.versions("ae"), "the half-published version is not listed");
    }
  }

  @Test
  void aCorruptedObjectIsRefusedAtFetch() throws Exception {
    try (ModelStore store = store("s3://models/corrupt")) {
      String v = store.publish(modelDir, "ae", Map.of(), PublishListener.NONE);
      disk.client().putObject("models", "corrupt/ae/" + v + "/files/data/params.bin", "not the parameters");
      Path target = dir.resolve("never");
      ModelStoreException e = assertThrows(ModelStoreException.class,
          () -> store.fetch("ae", v, target.toUri().toString(), PublishListener.NONE));
      assertTrue(e.getMessage().contains("files/data/params.bin is corrupted"), e.getMessage());
      assertFalse(Files.exists(target), "nothing is installed");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../escaped", "/tmp/absolute", "data/../../up", "file:/tmp/x", "data//params.bin"})
  void aManifestListingAPathOutsideTheModelIsRefusedBeforeAnyDownload(String path) throws Exception {
    try (ModelStore store = store("s3://models/tampered")) {
      String v = store.publish(modelDir, "ae", Map.of(), PublishListener.NONE);
      String key = "tampered/ae/" + v + "/manifest.json";
      String manifest = disk.client().getObjectAsString("models", key);
      String first = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest).at("/files/0/path").asText();
      disk.client().putObject("models", key, manifest.replace("\"" + first + "\"", "\"" + path + "\""));
      Path target = dir.resolve("never");
      ModelStoreException e = assertThrows(ModelStoreException.class,
          () -> store.fetch("ae", v, target.toUri().toString(), PublishListener.NONE));
      assertTrue(e.getMessage().contains(path) && e.getMessage().contains("not a plain path"), e.getMessage());
      assertFalse(Files.exists(target), "nothing is installed");
    }
  }

  @Test
  void wrongCredentialsAndMissingBucketsGetOneClearMessageEach() throws Exception {
    String wrongSecret = "wrong-secret-5b1e";
    S3ProxyServer.useCredentials(S3ProxyServer.IDENTITY, wrongSecret);
    try (ModelStore store = store("s3://models/x")) {
      ModelStoreException denied = assertThrows(ModelStoreException.class, () -> store.versions("ae"));
      assertTrue(denied.getMessage().contains("was denied (SignatureDoesNotMatch)"), denied.getMessage());
      assertEquals(1, denied.getMessage().lines().count());
      assertFalse(denied.getMessage().contains(wrongSecret) || denied.getMessage().contains(S3ProxyServer.CREDENTIAL));
    } finally {
      S3ProxyServer.useCredentials(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL);
    }
    try (ModelStore store = store("s3://no-such-bucket/x")) {
      ModelStoreException missing = assertThrows(ModelStoreException.class,
          () -> store.publish(modelDir, "ae", Map.of(), PublishListener.NONE));
      assertTrue(missing.getMessage().contains("bucket 'no-such-bucket' does not exist"), missing.getMessage());
      assertEquals(1, missing.getMessage().lines().count());
    }
  }
}
