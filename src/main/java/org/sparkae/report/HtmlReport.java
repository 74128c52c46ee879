package org.sparkae.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Renders report.html from the mustache template bundled in the jar. */
public final class HtmlReport {
  private static final Template TEMPLATE = load();

  private HtmlReport() {}

  /** @param context template values: title, sections (title, image, caption), metrics rows (name, value) */
  public static String render(Map<String, Object> context) {
    return TEMPLATE.execute(context);
  }

  private static Template load() {
    try (Reader in = new InputStreamReader(HtmlReport.class.getResourceAsStream("report.html.mustache"),
        StandardCharsets.UTF_8)) {
      return Mustache.compiler().escapeHTML(true).compile(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the report template is missing from the jar", e);
    }
  }
}
