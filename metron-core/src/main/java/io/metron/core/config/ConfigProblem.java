package io.metron.core.config;

/**
 * One thing wrong with a config: the file (relative to the config directory), the JSON path inside
 * it ({@code $} for the document itself, empty for a file or directory as a whole) and what is
 * wrong, phrased for the person who must fix it.
 */
public record ConfigProblem(String file, String path, String message) {
  @Override
  public String toString() {
    return path.isEmpty() ? file + ": " + message : file + ": " + path + ": " + message;
  }
}
