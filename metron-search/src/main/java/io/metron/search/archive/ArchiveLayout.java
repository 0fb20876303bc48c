package io.metron.search.archive;

import io.metron.search.IndexNames;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where archive files live: {@code
 * <root>/<sensor>/<yyyy>/<MM>/<dd>/<sensor>-<opened>-<seq>.json.gz}, the day being the UTC day of
 * the messages' own timestamps. A file being written ends in {@value #IN_PROGRESS} and is renamed
 * without it when sealed.
 */
final class ArchiveLayout {
  static final String SEALED = ".json.gz";
  static final String IN_PROGRESS = ".json.gz.inprogress";

  private ArchiveLayout() {}

  static Path dayDirectory(Path root, String sensor, LocalDate day) {
    return root.resolve(IndexNames.sensorPart(sensor))
        .resolve(String.format("%04d", day.getYear()))
        .resolve(String.format("%02d", day.getMonthValue()))
        .resolve(String.format("%02d", day.getDayOfMonth()));
  }

  static LocalDate dayOf(long timestamp) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(timestamp), ZoneOffset.UTC);
  }

  static boolean isSealed(Path file) {
    return file.getFileName().toString().endsWith(SEALED);
  }

  static boolean isInProgress(Path file) {
    return file.getFileName().toString().endsWith(IN_PROGRESS);
  }

  static Path sealedName(Path inProgress) {
    String name = inProgress.getFileName().toString();
    return inProgress.resolveSibling(name.substring(0, name.length() - ".inprogress".length()));
  }
}
