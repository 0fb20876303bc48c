package io.metron.search.lucene;

import java.time.Duration;

/**
 * How long and how much the embedded store keeps. Whole day indices are deleted, never single
 * documents.
 *
 * @param maxAge delete indices whose day ended longer ago than this; null keeps them forever
 * @param maxBytes then delete the oldest indices (never today's) while the store is larger; 0 for
 *     no limit
 */
public record RetentionPolicy(Duration maxAge, long maxBytes) {
  public RetentionPolicy {
    if (maxAge != null && maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative");
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative");
    }
  }
}
