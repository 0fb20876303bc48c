package io.metron.cli;

import java.time.Instant;
import picocli.CommandLine.Option;

/** The {@code --from} and {@code --to} of commands that read the archive. */
final class TimeRange {
  @Option(
      names = "--from",
      paramLabel = "TIME",
      required = true,
      description = "Events at or after TIME: an age (2h), 2025-11-28T10:00:00Z or 2025-11-28.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "Events before TIME (same forms as --from). Default: now.")
  String to;

  /** The start, resolved against {@code now}. */
  Instant start(Instant now) throws UserException {
    return TimeArgs.instant("--from", from, now);
  }

  /** The end, resolved against {@code now}; now when {@code --to} is absent. */
  Instant end(Instant now) throws UserException {
    return to == null ? now : TimeArgs.instant("--to", to, now);
  }
}
