package org.sparkae.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sparkae.ml.Autoencoder;

/**
 * A job's configuration: conf/reference.conf (packaged defaults), overlaid by a HOCON job file,
 * overlaid by {@code --set key=value} overrides. Every key is checked against the reference and
 * every autoencoder key against the stage's params; the first problem becomes a {@link ConfigError}.
 */
public final class JobConfig {
  private static final String REFERENCE = "org/sparkae/jobs/reference.conf";
  /** Sections whose keys are free-form (Spark settings) or checked elsewhere (autoencoder params). */
  private static final Set<String> OPEN_SECTIONS = Set.of("spark.conf", "autoencoder");

  private final Config config;

  private JobConfig(Config config) {
    this.config = config;
  }

  /** Loads and validates. {@code file} may be null (defaults only). */
  public static JobConfig load(File file, List<String> overrides) {
    Config reference = ConfigFactory.parseResources(JobConfig.class.getClassLoader(), REFERENCE,
        ConfigParseOptions.defaults().setAllowMissing(false));
    Config user = ConfigFactory.empty();
    if (file != null) {
      if (!file.isFile()) {
        throw new ConfigError("config file " + file + " does not exist");
      }
      user = parse(() -> ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false)),
          file.toString());
    }
    for (String override : overrides) {
      String[] keyValue = keyAndValue("--set", override);
      Config one = parse(() -> ConfigFactory.parseString(quoteKey(keyValue[0]) + " = " + value(keyValue[1])),
          "--set " + override);
      user = one.withFallback(user);
    }
    Config userFinal = user;
    Config resolved = parse(() -> userFinal.withFallback(reference).resolve(), "the configuration");
    JobConfig jc = new JobConfig(resolved);
    jc.checkKeys(userFinal, reference);
    return jc;
  }

  /** Quotes path elements that need it; a key the user already quoted is taken as written. */
  private static String quoteKey(String key) {
    if (key.contains("\"")) {
      return key;
    }
    return Arrays.stream(key.split("\\.", -1)).map(part -> part.matches("[A-Za-z0-9_-]+") ? part : "\"" + part + "\"")
        .collect(Collectors.joining("."));
  }

  /** {@code key=value} split at its first '=' (the key trimmed); {@code option} names the flag in the error. */
  static String[] keyAndValue(String option, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigError(option + " needs key=value, got '" + override + "'");
    }
    return new String[] {override.substring(0, eq).trim(), override.substring(eq + 1)};
  }

  /** One --set value as the config would hold it: a number, boolean, list or string. */
  static Object overrideValue(String raw) {
    return parse(() -> ConfigFactory.parseString("v = " + value(raw)), "the value '" + raw + "'").getValue("v")
        .unwrapped();
  }

  /** A --set value as HOCON: lists, numbers and booleans as written, anything else as a string. */
  private static String value(String raw) {
    String v = raw.trim();
    if (v.startsWith("[") || v.startsWith("\"") || v.matches("-?[0-9.eE+-]+") || v.equals("true")
        || v.equals("false")) {
      return v;
    }
    return ConfigValueFactory.fromAnyRef(v).render(ConfigRenderOptions.concise());
  }

  private static Config parse(java.util.function.Supplier<Config> parser, String what) {
    try {
      return parser.get();
    } catch (ConfigException e) {
      throw new ConfigError("cannot read " + what + ": " + e.getMessage());
    }
  }

  private void checkKeys(Config user, Config reference) {
    Set<String> paramNames = Arrays.stream(new Autoencoder().params()).map(p -> p.name()).collect(Collectors.toSet());
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String key = e.getKey();
      if (key.startsWith("spark.conf.")) {
        continue;
      }
      if (key.startsWith("autoencoder.")) {
        String param = key.substring("autoencoder.".length());
        if (!paramNames.contains(param)) {
          throw new ConfigError("unknown key '" + key + "': Autoencoder has no param '" + param + "' (its params: "
              + String.join(", ", new java.util.TreeSet<>(paramNames)) + ")");
        }
        continue;
      }
      if (!reference.hasPathOrNull(key) || OPEN_SECTIONS.contains(key)) {
        throw new ConfigError("unknown key '" + key + "' (see conf/reference.conf for every key)");
      }
      ConfigValueType expected = reference.getValue(key).valueType();
      if (!compatible(key, expected, e.getValue())) {
        throw new ConfigError("key '" + key + "' must be a " + expected.name().toLowerCase(java.util.Locale.ROOT)
            + ", got " + e.getValue().render(ConfigRenderOptions.concise()));
      }
    }
  }

  private static boolean compatible(String key, ConfigValueType expected, ConfigValue value) {
    ConfigValueType actual = value.valueType();
    return expected == actual
        || (key.equals("input.featuresCol") && actual == ConfigValueType.LIST)
        || (key.equals("input.excludeCols") && actual == ConfigValueType.STRING)
        || (expected == ConfigValueType.NUMBER && actual == ConfigValueType.STRING && isNumber(value))
        || (expected == ConfigValueType.BOOLEAN && actual == ConfigValueType.STRING
            && List.of("true", "false", "yes", "no", "on", "off").contains(String.valueOf(value.unwrapped())));
  }

  private static boolean isNumber(ConfigValue v) {
    try {
      Double.parseDouble(String.valueOf(v.unwrapped()));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public String string(String key) {
    return get(key, config::getString);
  }

  public int integer(String key) {
    return get(key, config::getInt);
  }

  public double number(String key) {
    return get(key, config::getDouble);
  }

  public boolean bool(String key) {
    return get(key, config::getBoolean);
  }

  /** A string key restricted to {@code allowed}. */
  public String choice(String key, String... allowed) {
    String v = string(key);
    if (!Arrays.asList(allowed).contains(v)) {
      throw new ConfigError("key '" + key + "' must be one of " + String.join("|", allowed) + ", got '" + v + "'");
    }
    return v;
  }

  /** A string, or a list of strings (csv feature columns). */
  public List<String> stringOrList(String key) {
    if (config.getValue(key).valueType() == ConfigValueType.LIST) {
      return get(key, config::getStringList);
    }
    return List.of(string(key));
  }

  /** The user-set keys of a free-form section, values unwrapped (e.g. autoencoder params). */
  public Map<String, Object> section(String path) {
    Map<String, Object> out = new TreeMap<>();
    if (config.hasPath(path)) {
      for (Map.Entry<String, ConfigValue> e : config.getConfig(path).entrySet()) {
        out.put(e.getKey().replace("\"", ""), e.getValue().unwrapped());
      }
    }
    return out;
  }

  private <T> T get(String key, Function<String, T> getter) {
    try {
      return getter.apply(key);
    } catch (ConfigException e) {
      throw new ConfigError("key '" + key + "': " + e.getMessage().replaceFirst("^[^:]*: ", ""));
    }
  }

  /**
   * The effective configuration for the log and the report, with the value of every key that looks
   * like a credential redacted (Spark's own spark.redaction.regex default), e.g. an S3 secret key
   * passed as spark.conf."spark.hadoop.fs.s3a.secret.key".
   */
  public String render() {
    Config shown = config;
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      if (SECRET_KEY.matcher(e.getKey()).find()) {
        shown = shown.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(REDACTED));
      }
    }
    String rendered = shown.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false)
        .setJson(false));
    return collapseLists(rendered);
  }

  // HOCON puts each list item on a line of its own: 64 feature columns would fill the report's
  // configuration with 64 lines. A list of plain values goes on one line instead.
  private static final java.util.regex.Pattern SCALAR_LIST =
      java.util.regex.Pattern.compile("\\[\\n((?:[ \\t]*[^\\[\\]{}\\n]*,?\\n)+)[ \\t]*\\]");

  static String collapseLists(String rendered) {
    return SCALAR_LIST.matcher(rendered).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
        "[" + String.join(", ", m.group(1).lines().map(String::strip)
            .map(item -> item.endsWith(",") ? item.substring(0, item.length() - 1) : item).toList()) + "]"));
  }

  static final java.util.regex.Pattern SECRET_KEY =
      java.util.regex.Pattern.compile("(?i)secret|password|token|access[.]?key|credential");
  static final String REDACTED = "*********(redacted)";
}
