package org.sparkae.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.io.AtomicDirectory;
import org.sparkae.io.FloatArrayFile;

/**
 * Per-epoch checkpoints of a training run on any Hadoop file system, so that a run whose driver
 * died resumes from its last completed epoch instead of starting over.
 *
 * <p>Layout: {@code <dir>/epoch-00003/params.bin} and {@code updater.bin} (the parameters and the
 * Adam state as plain float32 arrays, see {@link FloatArrayFile}) and {@code state.json} (format,
 * identity, iteration count, the arrays' sizes and SHA-256s, per-epoch history). Nothing in a
 * checkpoint names a class to instantiate, so whoever can write to the directory cannot make the
 * trainer run code; checkpoints of DL4J's own format (network.zip) are refused. Each epoch directory
 * is written to a hidden sibling and renamed into place, and
 * {@code state.json} is written last: a directory without it is never trusted (rename is a copy
 * on s3a). The two newest checkpoints are kept, and the best epoch's when early stopping is on, so
 * that a run resumed after it stopped early can still return the best weights.
 *
 * <p>A checkpoint only resumes the training it came from: the identity (network, workers, batch
 * size, averaging frequency, seed, noise, partition sizes) must match, or {@link #latest} refuses
 * with what differs, so a changed job never silently continues another one's weights. The
 * optimiser settings (learning rate, its decay, L2) are not part of it: resuming with a lower rate
 * is how a run that has levelled off is continued at a smaller step, so a changed optimiser is
 * logged (by {@code RateOnPlateau.resume}, once the rate the run goes on at is known), not refused.
 */
public final class TrainingCheckpoint {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingCheckpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The version of the layout below; checkpoints of another version are refused, not guessed at. */
  static final int FORMAT = 2;
  private static final String PARAMS = "params.bin";
  private static final String UPDATER = "updater.bin";
  private static final String STATE = "state.json";
  private static final int KEEP = 2;

  private final Path dir;
  private final Configuration hadoop;

  /** What a resumed run continues from. */
  public record Resumed(int epoch, List<EpochStats> history) {}

  /** The state file's content (each history entry names the optimiser its epoch trained with). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record State(int format, String identity, int epoch, long iterationCount, long numParams, String paramsSha256,
      long updaterSize, String updaterSha256, List<EpochStats> history) {}

  public TrainingCheckpoint(String dir, Configuration hadoop) {
    this.dir = new Path(dir);
    this.hadoop = hadoop;
  }

  /** The identity of a training run: everything that must match for a checkpoint to continue it. */
  public static String identity(String network, TrainingSettings s, long[] partitionSizes) {
    return "network " + network + "; workers " + s.numWorkers() + "; batchSize " + s.batchSize()
        + "; averagingFrequency " + s.averagingFrequency() + "; seed " + s.seed() + "; noise " + s.noise()
        + "; partition sizes " + Arrays.toString(partitionSizes);
  }

  /**
   * Loads the newest complete checkpoint into {@code net} (parameters, updater state, iteration and
   * epoch counts) and returns where it stopped; empty when the directory holds none. {@code net}
   * keeps its own optimiser settings, which may differ from the checkpoint's: the rate the run goes
   * on at is {@code RateOnPlateau.resume}'s to set and log.
   *
   * @throws IllegalStateException when the newest checkpoint belongs to a different training
   */
  public Optional<Resumed> latest(String identity, MultiLayerNetwork net) {
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      for (Path epochDir : completeEpochs(fs)) {
        State state;
        try (InputStream in = fs.open(new Path(epochDir, STATE))) {
          state = JSON.readValue(in, State.class);
        }
        refuseOtherFormats(state, epochDir);
        if (!state.identity().equals(identity)) {
          throw new IllegalStateException("checkpointDir " + dir + " holds a checkpoint of a different training ("
              + state.identity() + "), not of this one (" + identity + "): use a new checkpointDir, or delete it to "
              + "start over");
        }
        net.setParams(Nd4j.create(FloatArrayFile.read(hadoop, new Path(epochDir, PARAMS), state.numParams(),
            state.paramsSha256()), 1, state.numParams()).castTo(net.params().dataType()));
        INDArray updater = net.getUpdater().getStateViewArray();
        if (updater.length() != state.updaterSize()) {
          throw new IllegalStateException("checkpoint " + epochDir + " holds " + state.updaterSize() + " optimizer "
              + "state values but this network's optimizer has " + updater.length() + ": use a new checkpointDir");
        }
        updater.assign(Nd4j.create(FloatArrayFile.read(hadoop, new Path(epochDir, UPDATER), state.updaterSize(),
            state.updaterSha256()), updater.shape()));
        net.getLayerWiseConfigurations().setIterationCount((int) state.iterationCount());
        net.getLayerWiseConfigurations().setEpochCount(state.epoch());
        LOG.info("resuming from checkpoint {} (epoch {} done)", epochDir, state.epoch());
        return Optional.of(new Resumed(state.epoch(), state.history()));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoints in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Saves the state after {@code epoch}, atomically, and drops checkpoints older than the last two
   * except {@code keepEpoch}'s (the best epoch so far; 0 = none).
   */
  public void save(String identity, int epoch, MultiLayerNetwork net, List<EpochStats> history, int keepEpoch) {
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      Path target = epochDir(epoch);
      Path tmp = AtomicDirectory.temporarySibling(target);
      fs.mkdirs(tmp);
      float[] params = net.params().toFloatVector();
      float[] updater = net.getUpdater().getStateViewArray().toFloatVector();
      String paramsSha = FloatArrayFile.write(hadoop, new Path(tmp, PARAMS), params);
      String updaterSha = FloatArrayFile.write(hadoop, new Path(tmp, UPDATER), updater);
      State state = new State(FORMAT, identity, epoch, net.getLayerWiseConfigurations().getIterationCount(),
          params.length, paramsSha, updater.length, updaterSha, List.copyOf(history));
      try (OutputStream out = fs.create(new Path(tmp, STATE), true)) {
        out.write(JSON.writeValueAsBytes(state));
      }
      AtomicDirectory.replace(fs, tmp, target);
      List<Path> complete = completeEpochs(fs);
      for (Path old : complete.subList(Math.min(KEEP, complete.size()), complete.size())) {
        if (!old.getName().equals(epochDir(keepEpoch).getName())) { // listed paths are qualified
          fs.delete(old, true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a checkpoint to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The parameters saved after {@code epoch}, or null when that checkpoint is not kept. */
  public INDArray params(int epoch) {
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      Path saved = epochDir(epoch);
      if (!fs.exists(new Path(saved, STATE))) {
        return null;
      }
      State state;
      try (InputStream in = fs.open(new Path(saved, STATE))) {
        state = JSON.readValue(in, State.class);
      }
      refuseOtherFormats(state, saved);
      return Nd4j.create(FloatArrayFile.read(hadoop, new Path(saved, PARAMS), state.numParams(), state.paramsSha256()),
          1, state.numParams());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint of epoch " + epoch + " in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  private void refuseOtherFormats(State state, Path epochDir) {
    if (state.format() != FORMAT) {
      throw new IllegalStateException("checkpoint " + epochDir + " was written in another format (" + state.format()
          + "; this version reads " + FORMAT + ", plain arrays instead of DL4J's network.zip): use a new "
          + "checkpointDir, or delete it to start over");
    }
  }

  private Path epochDir(int epoch) {
    return new Path(dir, String.format("epoch-%05d", epoch));
  }

  /** Epoch directories that hold a state file, newest first. */
  private List<Path> completeEpochs(FileSystem fs) throws IOException {
    List<Path> epochs = new ArrayList<>();
    if (!fs.exists(dir)) {
      return epochs;
    }
    for (FileStatus status : fs.listStatus(dir)) {
      String name = status.getPath().getName();
      if (status.isDirectory() && name.matches("epoch-\\d+") && fs.exists(new Path(status.getPath(), STATE))) {
        epochs.add(status.getPath());
      }
    }
    epochs.sort((a, b) -> b.getName().compareTo(a.getName()));
    return epochs;
  }
}
