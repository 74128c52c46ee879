package org.sparkae.jobs;

import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;

/** Where log4j writes the full log (stack traces included), for the one-line failure message. */
final class LogFile {
  private LogFile() {}

  /** The file of the first file appender of the active log4j configuration, if there is one. */
  static Optional<String> path() {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return Optional.empty();
    }
    for (Appender appender : context.getConfiguration().getAppenders().values()) {
      if (appender instanceof FileAppender file) {
        return Optional.of(new java.io.File(file.getFileName()).getAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
