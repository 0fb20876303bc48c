package io.metron.search.archive;

import io.metron.search.IndexNames;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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

  /** The day's directory of a sensor, relative to the archive root. */
  static String dayDirectory(String sensor, LocalDate day) {
    return String.format(
        "%s/%04d/%02d/%02d",
        IndexNames.sensorPart(sensor), day.getYear(), day.getMonthValue(), day.getDayOfMonth());
  }

  static LocalDate dayOf(long timestamp) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(timestamp), ZoneOffset.UTC);
  }

  static boolean isSealed(String file) {
    return file.endsWith(SEALED);
  }

  static boolean isInProgress(String file) {
    return file.endsWith(IN_PROGRESS);
  }

  static String sealedName(String inProgress) {
    return inProgress.substring(0, inProgress.length() - ".inprogress".length());
  }

  /** {@code dir/name}, or {@code name} at the root. */
  static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  /**
   * Every file under {@code dir} (at most {@code depth} levels down) that is sealed or in progress,
   * sorted by path.
   */
  static List<String> archiveFiles(ArchiveStorage storage, String dir, int depth)
      throws IOException {
    List<String> out = new ArrayList<>();
    collect(storage, dir, depth, out);
    out.sort(null);
    return out;
  }

  private static void collect(ArchiveStorage storage, String dir, int depth, List<String> out)
      throws IOException {
    for (String name : storage.list(dir)) {
      String path = join(dir, name);
      if (isSealed(name) || isInProgress(name)) {
        out.add(path);
      } else if (depth > 1 && storage.isDirectory(path)) {
        collect(storage, path, depth - 1, out);
      }
    }
  }
}
