package io.metron.streams.ingest.file;

import io.metron.streams.ingest.SensorName;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A file to follow and the sensor topic its lines go to, from a spec string {@code FILE:SENSOR}.
 * The last colon separates the two, so a path may itself contain colons.
 *
 * @param file the file; it need not exist yet
 * @param sensor the sensor topic
 */
public record TailSpec(Path file, String sensor) {

  public TailSpec {
    SensorName.check(sensor, "tail spec for " + file);
  }

  /**
   * Parses a spec string.
   *
   * @throws IllegalArgumentException saying what is wrong and showing the expected form
   */
  public static TailSpec parse(String spec) {
    String usage =
        "tail spec '" + spec + "': expected FILE:SENSOR, e.g. /var/log/suricata/eve.json:suricata";
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("tail spec is empty: expected FILE:SENSOR");
    }
    int colon = spec.lastIndexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw new IllegalArgumentException(usage);
    }
    String sensor = spec.substring(colon + 1);
    if (!SensorName.isLegal(sensor)) {
      throw new IllegalArgumentException(
          usage
              + "; sensor '"
              + sensor
              + "' is not a legal topic name (letters, digits, '.', '_' and '-')");
    }
    Path file;
    try {
      file = Path.of(spec.substring(0, colon));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          usage + "; the file name is not a valid path: " + e.getReason());
    }
    return new TailSpec(file, sensor);
  }

  @Override
  public String toString() {
    return file + ":" + sensor;
  }
}
