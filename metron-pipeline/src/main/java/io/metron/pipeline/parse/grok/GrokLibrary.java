package io.metron.pipeline.parse.grok;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Grok pattern files: one {@code NAME definition} per line, {@code #} comments. A grok path is
 * looked up on the file system first, then among the built-in sets on the class path ({@code
 * /patterns/common}, {@code /patterns/yaf}, ...), as Metron looked in HDFS, then the jar.
 */
public final class GrokLibrary {
  /** The set every grok parser loads first. */
  public static final String COMMON = "/patterns/common";

  private GrokLibrary() {}

  /** The patterns of {@code /patterns/common} followed by those of {@code path}. */
  public static Map<String, String> load(String path) throws GrokException {
    Map<String, String> library = new LinkedHashMap<>(read(COMMON));
    if (path != null && !path.equals(COMMON)) {
      library.putAll(read(path));
    }
    return library;
  }

  /** The patterns of one file. */
  public static Map<String, String> read(String path) throws GrokException {
    String text = text(path);
    Map<String, String> patterns = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = indexOfWhitespace(line);
      if (space < 0) {
        throw new GrokException(
            path + " line " + (i + 1) + ": expected 'NAME definition', found '" + line + "'");
      }
      patterns.put(line.substring(0, space), line.substring(space + 1).strip());
    }
    return patterns;
  }

  private static int indexOfWhitespace(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (Character.isWhitespace(line.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String text(String path) throws GrokException {
    try {
      Path file = Path.of(path);
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      throw new GrokException("cannot read grok patterns from " + path + ": " + e.getMessage());
    }
    String resource = path.startsWith("/") ? path : "/" + path;
    try (InputStream in = GrokLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new GrokException(
            "no grok pattern file at "
                + path
                + " (looked on the file system, then among the built-in sets under /patterns/)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GrokException("cannot read grok patterns from " + path + ": " + e.getMessage());
    }
  }
}
