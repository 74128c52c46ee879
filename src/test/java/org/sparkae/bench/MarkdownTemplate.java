package org.sparkae.bench;

import com.samskivert.mustache.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Renders a benchmark's markdown from its mustache template (org/sparkae/bench/NAME.md.mustache). */
final class MarkdownTemplate {
  private MarkdownTemplate() {}

  static String render(String name, Object context) {
    InputStream template = MarkdownTemplate.class.getResourceAsStream(name + ".md.mustache");
    if (template == null) {
      throw new IllegalStateException("no template " + name + ".md.mustache next to " + MarkdownTemplate.class);
    }
    try (Reader in = new InputStreamReader(template, StandardCharsets.UTF_8)) {
      return Mustache.compiler().escapeHTML(false).compile(in).execute(context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
