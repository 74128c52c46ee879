package org.sparkae.store;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.ClientConfiguration;
import com.amazonaws.SdkClientException;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.ListObjectsV2Request;
import com.amazonaws.services.s3.model.ListObjectsV2Result;
import com.amazonaws.services.s3.model.ObjectMetadata;
import com.amazonaws.services.s3.model.PutObjectRequest;
import com.amazonaws.services.s3.model.S3Object;
import com.amazonaws.services.s3.transfer.TransferManager;
import com.amazonaws.services.s3.transfer.TransferManagerBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkae.io.AtomicDirectory;

/**
 * A versioned store of saved models on S3 (aws-java-sdk-s3). Layout under {@code s3://bucket/prefix/}:
 * <pre>
 *   &lt;name&gt;/&lt;version&gt;/files/...          the saved model directory, file by file
 *   &lt;name&gt;/&lt;version&gt;/manifest.json     files with sizes and SHA-256, params, metrics, created-at
 *   &lt;name&gt;/LATEST                      the newest complete version
 * </pre>
 * {@link #publish} uploads every file (multipart above 16 MiB), verifies each object, writes the
 * manifest and only then moves LATEST, so a failure part way leaves LATEST where it was. {@link
 * #fetch} verifies every file's SHA-256 before the downloaded model appears at its target. Transient
 * errors are retried by the SDK with exponential backoff. Credentials come from the AWS provider chain.
 */
public final class ModelStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final long MULTIPART_THRESHOLD = 16L << 20;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String SHA_KEY = "sha256";

  private final AmazonS3 s3;
  private final TransferManager transfers;
  private final String bucket;
  private final String prefix;
  private final String where;
  private final Configuration hadoop;

  private ModelStore(AmazonS3 s3, String bucket, String prefix, String endpoint, Configuration hadoop) {
    this.s3 = s3;
    this.transfers = TransferManagerBuilder.standard().withS3Client(s3).withMultipartUploadThreshold(MULTIPART_THRESHOLD)
        .withMinimumUploadPartSize(MULTIPART_THRESHOLD / 2).withShutDownThreadPools(true).build();
    this.bucket = bucket;
    this.prefix = prefix;
    this.where = "s3://" + bucket + "/" + prefix + (endpoint.isEmpty() ? "" : " at " + endpoint);
    this.hadoop = hadoop;
  }

  /**
   * Opens the store at {@code uri} ({@code s3://bucket/prefix} or {@code s3a://...}).
   *
   * @param hadoop configuration for reading and writing model directories (any Hadoop path)
   */
  public static ModelStore open(String uri, S3Settings settings, Configuration hadoop) {
    URI parsed = URI.create(uri);
    if (!("s3".equals(parsed.getScheme()) || "s3a".equals(parsed.getScheme())) || parsed.getHost() == null) {
      throw new IllegalArgumentException("a model store URI looks like s3://bucket/prefix, got '" + uri + "'");
    }
    String prefix = parsed.getPath().replaceAll("^/+", "").replaceAll("/+$", "");
    ClientConfiguration client = new ClientConfiguration().withMaxErrorRetry(settings.maxRetries())
        .withConnectionTimeout(10_000).withSocketTimeout(60_000);
    AmazonS3ClientBuilder builder = AmazonS3ClientBuilder.standard()
        .withCredentials(DefaultAWSCredentialsProviderChain.getInstance())
        .withClientConfiguration(client)
        .withPathStyleAccessEnabled(settings.pathStyleAccess());
    if (settings.endpoint().isEmpty()) {
      builder.withRegion(settings.region());
    } else {
      builder.withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(settings.endpoint(),
          settings.region()));
    }
    return new ModelStore(builder.build(), parsed.getHost(), prefix, settings.endpoint(), hadoop);
  }

  /** Uploads the saved model at {@code modelDir} as a new version of {@code name}; returns the version. */
  public String publish(String modelDir, String name, Map<String, Object> metrics, PublishListener listener) {
    checkName(name);
    String version = VERSION_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 6);
    String previous = call("read the LATEST pointer of '" + name + "'", () -> latest(name));
    List<LocalFile> files = stage(modelDir);
    List<Manifest.FileEntry> entries = new ArrayList<>();
    String current = "";
    try {
      for (LocalFile f : files) {
        current = f.entry.path();
        upload(objectKey(name, version, "files/" + f.entry.path()), f);
        entries.add(f.entry);
        listener.fileDone(f.entry, entries.size(), files.size());
      }
      current = "manifest.json";
      Manifest manifest = new Manifest(Manifest.FORMAT, name, version, Instant.now().toString(), modelDir, entries,
          params(files), metrics == null ? Map.of() : metrics);
      byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
      putBytes(objectKey(name, version, "manifest.json"), manifestBytes);
      current = "LATEST";
      putBytes(objectKey(name, "LATEST"), version.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw failure("publishing " + name + " version " + version + " failed at " + current + "; LATEST still points to "
          + (previous == null ? "no version" : previous), e);
    } finally {
      files.forEach(LocalFile::deleteIfStaged);
    }
    LOG.info("published {} version {} ({} files, {} bytes) to s3://{}/{}", name, version, entries.size(),
        entries.stream().mapToLong(Manifest.FileEntry::size).sum(), bucket, objectKey(name, version, ""));
    return version;
  }

  /**
   * Downloads {@code version} ("latest" for the LATEST pointer) of {@code name} to {@code targetDir}
   * (any Hadoop path), verifying every file's size and SHA-256 first; returns the version fetched.
   */
  public String fetch(String name, String version, String targetDir, PublishListener listener) {
    checkName(name);
    String resolved = "latest".equalsIgnoreCase(version) ? latest(name) : version;
    if (resolved == null) {
      throw new ModelStoreException("model '" + name + "' has no published version in " + where);
    }
    Manifest manifest = manifest(name, resolved);
    for (Manifest.FileEntry file : manifest.files()) {
      checkInsideModel(name, resolved, file.path());
    }
    Path target = new Path(targetDir);
    try {
      FileSystem fs = target.getFileSystem(hadoop);
      target = fs.makeQualified(target);
      Path tmp = AtomicDirectory.temporarySibling(target);
      try {
        int done = 0;
        for (Manifest.FileEntry file : manifest.files()) {
          download(objectKey(name, resolved, "files/" + file.path()), file, fs, new Path(tmp, file.path()));
          listener.fileDone(file, ++done, manifest.files().size());
        }
        AtomicDirectory.replace(fs, tmp, target);
      } finally {
        fs.delete(tmp, true);
      }
    } catch (ModelStoreException e) {
      throw e;
    } catch (Exception e) {
      throw failure("fetching " + name + " version " + resolved + " to " + targetDir + " failed", e);
    }
    return resolved;
  }

  /** Published versions of {@code name} (those with a manifest), oldest first. */
  public List<String> versions(String name) {
    checkName(name);
    return call("list the versions of '" + name + "'", () -> {
      List<String> versions = new ArrayList<>();
      ListObjectsV2Request request = new ListObjectsV2Request().withBucketName(bucket)
          .withPrefix(objectKey(name, "")).withDelimiter("/");
      ListObjectsV2Result page;
      do {
        page = s3.listObjectsV2(request);
        for (String common : page.getCommonPrefixes()) {
          String version = common.substring(objectKey(name, "").length()).replaceAll("/$", "");
          if (s3.doesObjectExist(bucket, objectKey(name, version, "manifest.json"))) {
            versions.add(version);
          }
        }
        request.setContinuationToken(page.getNextContinuationToken());
      } while (page.isTruncated());
      versions.sort(null);
      return versions;
    });
  }

  /** The version LATEST points to, or null when nothing was published yet. */
  public String latest(String name) {
    return call("read the LATEST pointer of '" + name + "'", () -> {
      String key = objectKey(name, "LATEST");
      return s3.doesObjectExist(bucket, key) ? s3.getObjectAsString(bucket, key).trim() : null;
    });
  }

  public Manifest manifest(String name, String version) {
    return call("read the manifest of " + name + " version " + version, () -> {
      String key = objectKey(name, version, "manifest.json");
      if (!s3.doesObjectExist(bucket, key)) {
        throw new ModelStoreException("model '" + name + "' has no version '" + version + "' in " + where);
      }
      try (S3Object object = s3.getObject(bucket, key); InputStream in = object.getObjectContent()) {
        return JSON.readValue(in, Manifest.class);
      }
    });
  }

  @Override
  public void close() {
    transfers.shutdownNow(true);
  }

  // ---- upload ----------------------------------------------------------------------------------

  /** A model file on local disk (the file itself, or a staged copy of a remote one) and its entry. */
  private record LocalFile(File file, boolean staged, Manifest.FileEntry entry) {
    void deleteIfStaged() {
      if (staged) {
        file.delete();
      }
    }
  }

  /** Lists the model directory, hashing each file; remote files are staged to local disk first. */
  private List<LocalFile> stage(String modelDir) {
    List<LocalFile> files = new ArrayList<>();
    try {
      Path root = new Path(modelDir);
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        throw new ModelStoreException("model directory " + modelDir + " does not exist");
      }
      root = fs.makeQualified(root);
      boolean local = "file".equals(root.toUri().getScheme());
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus status = it.next();
        String name = status.getPath().getName();
        if (name.endsWith(".crc")) {
          continue; // Hadoop's local checksum side files: our manifest carries SHA-256 instead
        }
        String relative = root.toUri().relativize(status.getPath().toUri()).getPath();
        File file = local ? new File(status.getPath().toUri()) : copyToLocal(fs, status.getPath());
        files.add(new LocalFile(file, !local, new Manifest.FileEntry(relative, file.length(), sha256(file))));
      }
    } catch (IOException e) {
      files.forEach(LocalFile::deleteIfStaged);
      throw new ModelStoreException("cannot read model directory " + modelDir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new ModelStoreException("model directory " + modelDir + " is empty");
    }
    return files;
  }

  private void upload(String key, LocalFile f) throws InterruptedException, IOException {
    ObjectMetadata metadata = new ObjectMetadata();
    metadata.setContentLength(f.entry.size());
    metadata.addUserMetadata(SHA_KEY, f.entry.sha256());
    transfers.upload(new PutObjectRequest(bucket, key, f.file).withMetadata(metadata)).waitForCompletion();
    verify(key, f.entry.size(), f.entry.sha256());
  }

  private void putBytes(String key, byte[] bytes) throws IOException {
    ObjectMetadata metadata = new ObjectMetadata();
    metadata.setContentLength(bytes.length);
    String sha = HexFormat.of().formatHex(digest().digest(bytes));
    metadata.addUserMetadata(SHA_KEY, sha);
    s3.putObject(bucket, key, new java.io.ByteArrayInputStream(bytes), metadata);
    verify(key, bytes.length, sha);
  }

  /** The object must be there with the size and checksum we sent. */
  private void verify(String key, long size, String sha) throws IOException {
    ObjectMetadata stored = s3.getObjectMetadata(bucket, key);
    if (stored.getContentLength() != size || !sha.equals(stored.getUserMetaDataOf(SHA_KEY))) {
      throw new IOException("object " + key + " did not verify after upload (" + stored.getContentLength()
          + " bytes stored, " + size + " sent)");
    }
  }

  private JsonNode params(List<LocalFile> files) {
    for (LocalFile f : files) {
      if (f.entry.path().equals("metadata/part-00000")) {
        try {
          return JSON.readTree(f.file);
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }

  // ---- download --------------------------------------------------------------------------------

  private void download(String key, Manifest.FileEntry file, FileSystem fs, Path to) throws IOException {
    MessageDigest digest = digest();
    long bytes;
    try (S3Object object = s3.getObject(bucket, key);
        InputStream in = new DigestInputStream(object.getObjectContent(), digest);
        OutputStream out = fs.create(to, true)) {
      bytes = in.transferTo(out);
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    if (bytes != file.size() || !sha.equals(file.sha256())) {
      throw new ModelStoreException("object s3://" + bucket + "/" + key + " is corrupted: " + bytes + " bytes with "
          + "SHA-256 " + sha + ", the manifest says " + file.size() + " bytes with " + file.sha256()
          + "; the model was not installed");
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * A manifest's file path must stay inside the model's directory: relative, no "." or ".." segment, no
   * scheme or drive, no backslash. A crafted manifest could otherwise write anywhere the fetching user can.
   */
  private void checkInsideModel(String name, String version, String path) {
    boolean bad = path == null || path.isBlank() || path.startsWith("/") || path.contains("\\")
        || path.contains(":");
    if (!bad) {
      for (String segment : path.split("/", -1)) {
        bad |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
      }
    }
    if (bad) {
      throw new ModelStoreException("the manifest of '" + name + "' version " + version + " in " + where
          + " lists the file '" + path + "', which is not a plain path inside the model directory; nothing was "
          + "fetched (the manifest may have been tampered with)");
    }
  }

  private String objectKey(String... parts) {
    String joined = String.join("/", parts);
    return prefix.isEmpty() ? joined : prefix + "/" + joined;
  }

  private static void checkName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("a model name is letters, digits, '.', '_' and '-', got '" + name + "'");
    }
  }

  private static File copyToLocal(FileSystem fs, Path path) throws IOException {
    File tmp = Files.createTempFile("sparkae-publish-", "-" + path.getName()).toFile();
    try (InputStream in = fs.open(path); OutputStream out = Files.newOutputStream(tmp.toPath())) {
      in.transferTo(out);
    }
    return tmp;
  }

  private static String sha256(File file) throws IOException {
    MessageDigest digest = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file.toPath()), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  private interface S3Call<T> {
    T run() throws Exception;
  }

  private <T> T call(String what, S3Call<T> action) {
    try {
      return action.run();
    } catch (ModelStoreException e) {
      throw e;
    } catch (Exception e) {
      throw failure("could not " + what, e);
    }
  }

  /** One clear message per kind of failure; the SDK's messages carry no credentials. */
  private ModelStoreException failure(String what, Exception e) {
    if (e instanceof ModelStoreException mse) {
      return new ModelStoreException(what + ": " + mse.getMessage(), mse);
    }
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof AmazonServiceException)
        && !(cause instanceof SdkClientException)) {
      cause = cause.getCause();
    }
    String why;
    if (cause instanceof AmazonServiceException ase) {
      why = switch (String.valueOf(ase.getErrorCode())) {
        case "NoSuchBucket" -> "bucket '" + bucket + "' does not exist (" + where + ")";
        case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidSecurity", "ExpiredToken" ->
            "access to " + where + " was denied (" + ase.getErrorCode() + "): check the credentials of the AWS "
                + "provider chain (environment, profile, instance role) and the IAM permissions";
        default -> "S3 answered " + ase.getStatusCode() + " " + ase.getErrorCode() + " (" + where + ")";
      };
    } else if (cause instanceof SdkClientException) {
      why = "cannot reach S3 (" + where + "): " + firstLine(cause.getMessage());
    } else {
      why = firstLine(String.valueOf(e.getMessage()));
    }
    return new ModelStoreException(what + ": " + why, e);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse(message);
  }
}
