package io.metron.core.config;

import java.util.Collection;
import java.util.Locale;

/** Finds the known name closest to a misspelt one, for "did you mean" hints. */
final class Suggestions {
  private Suggestions() {}

  /** The closest candidate within an edit distance of 2 (case-insensitive), or {@code null}. */
  static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
