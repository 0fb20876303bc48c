package io.metron.search.archive;

import java.time.Duration;

/**
 * When the archive writer seals a file and starts the next.
 *
 * @param maxBytes seal a file once this many bytes of JSON lines (before compression) went in
 * @param maxAge seal a file once it has been open this long (checked on each write and flush)
 */
public record ArchivePolicy(long maxBytes, Duration maxAge) {
  /** 128 MiB or one hour, whichever comes first. */
  public static final ArchivePolicy DEFAULT = new ArchivePolicy(128L << 20, Duration.ofHours(1));

  public ArchivePolicy {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive");
    }
  }
}
