package org.sparkae.notebooks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import scala.collection.immutable.List$;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * Spark's Scala REPL (the interpreter Zeppelin's Spark interpreter runs), embedded: class-based
 * wrappers, classes written where the SparkContext serves them to executors, {@code spark},
 * {@code sc} and {@code z} bound. Code is fed statement by statement as spark-shell does.
 */
final class ScalaRepl implements AutoCloseable {
  private final StringWriter buffer = new StringWriter();
  private final PrintWriter out = new PrintWriter(buffer, true);
  private final IMain imain;

  ScalaRepl(SparkSession spark, Path classDir) {
    Settings settings = new Settings();
    settings.processArgumentString("-Yrepl-class-based -Yrepl-outdir " + classDir);
    // Surefire puts the test classpath in a manifest-only jar; give the compiler the real one.
    settings.classpath().value_$eq(System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")));
    settings.usejavacp().value_$eq(true);
    imain = new IMain(settings, out);
    imain.setContextClassLoader();
    bind("spark", "org.apache.spark.sql.SparkSession", spark);
    bind("sc", "org.apache.spark.SparkContext", spark.sparkContext());
    bind("z", ZeppelinShim.class.getName(), new ZeppelinShim(out));
  }

  private void bind(String name, String type, Object value) {
    Results.Result r = imain.bind(name, type, value, List$.MODULE$.empty());
    if (!(r instanceof Results.Success$)) {
      throw new IllegalStateException("could not bind " + name + ": " + takeOutput());
    }
  }

  /**
   * Interprets a paragraph line by line, joining lines while the statement is incomplete and
   * lines that start with '.' (method chains) to the statement before.
   *
   * @return the paragraph's output
   * @throws AssertionError naming the failing statement when a statement does not compile or throws
   */
  String run(String paragraph) {
    takeOutput();
    String[] lines = paragraph.split("\n", -1);
    StringBuilder pending = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      pending.append(pending.length() == 0 ? "" : "\n").append(lines[i]);
      String next = nextCodeLine(lines, i + 1);
      if (next != null && next.stripLeading().startsWith(".")) {
        continue;
      }
      if (pending.toString().isBlank()) {
        pending.setLength(0);
        continue;
      }
      Results.Result result = interpret(pending.toString());
      if (result instanceof Results.Incomplete$) {
        continue;
      }
      if (!(result instanceof Results.Success$)) {
        throw new AssertionError("statement failed:\n" + pending + "\n---\n" + takeOutput());
      }
      pending.setLength(0);
    }
    if (!pending.toString().isBlank()) {
      throw new AssertionError("incomplete statement at the end of the paragraph:\n" + pending);
    }
    return takeOutput();
  }

  /** Interprets one statement with Scala's Console (println) going to this REPL's output too. */
  private Results.Result interpret(String code) {
    java.io.OutputStream console = new java.io.OutputStream() {
      @Override
      public void write(int b) {
        buffer.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        buffer.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
      }
    };
    return scala.Console.withOut(console, new scala.runtime.AbstractFunction0<Results.Result>() {
      @Override
      public Results.Result apply() {
        return imain.interpret(code);
      }
    });
  }

  private static String nextCodeLine(String[] lines, int from) {
    for (int i = from; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        return lines[i];
      }
    }
    return null;
  }

  private String takeOutput() {
    out.flush();
    String text = buffer.toString();
    buffer.getBuffer().setLength(0);
    return text;
  }

  @Override
  public void close() {
    imain.close();
  }
}
