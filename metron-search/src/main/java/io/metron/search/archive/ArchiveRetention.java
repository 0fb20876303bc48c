package io.metron.search.archive;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes archive files older than a maximum age. A sealed file in the default layout ({@code
 * <sensor>/<yyyy>/<MM>/<dd>/}) is as old as the end of its day (the day of the events in it); one
 * in a sensor's own {@code outputPathFunction} layout is as old as its last write. Files still
 * being written ({@code .inprogress}) are never touched, so this is safe beside a running {@link
 * ArchiveWriter}. Old day directories left empty are removed.
 */
public final class ArchiveRetention {
  private ArchiveRetention() {}

  /**
   * What a retention pass deleted.
   *
   * @param files sealed files deleted
   * @param bytes their size
   */
  public record Removed(long files, long bytes) {}

  /**
   * Deletes the sealed files under {@code root} older than {@code maxAge} at {@code now}.
   *
   * @param maxAge null or zero keeps everything
   */
  public static Removed apply(Path root, Duration maxAge, Instant now) throws IOException {
    if (maxAge == null || maxAge.isZero() || maxAge.isNegative() || !Files.isDirectory(root)) {
      return new Removed(0, 0);
    }
    Instant cutoff = now.minus(maxAge);
    List<Path> files;
    try (Stream<Path> all = Files.walk(root)) {
      files =
          all.filter(p -> ArchiveLayout.isSealed(p.toString()) && Files.isRegularFile(p)).toList();
    }
    long deleted = 0;
    long bytes = 0;
    for (Path file : files) {
      try {
        if (!ageOf(root, file).isBefore(cutoff)) {
          continue;
        }
        long size = Files.size(file);
        if (Files.deleteIfExists(file)) {
          deleted++;
          bytes += size;
        }
      } catch (NoSuchFileException e) {
        // deleted meanwhile: nothing left to do
      }
    }
    if (deleted > 0) {
      removeEmptyDayDirectories(root, cutoff);
    }
    return new Removed(deleted, bytes);
  }

  /** The end of the file's day in the default layout, else its last-modified time. */
  private static Instant ageOf(Path root, Path file) throws IOException {
    Path rel = root.relativize(file);
    Instant end = rel.getNameCount() == 5 ? dayEnd(rel.getParent()) : null;
    return end != null ? end : Files.getLastModifiedTime(file).toInstant();
  }

  /** For {@code <sensor>/<yyyy>/<MM>/<dd>}, the end of that UTC day; else null. */
  private static Instant dayEnd(Path dayDirectory) {
    if (dayDirectory.getNameCount() != 4) {
      return null;
    }
    try {
      LocalDate day =
          LocalDate.of(
              Integer.parseInt(dayDirectory.getName(1).toString()),
              Integer.parseInt(dayDirectory.getName(2).toString()),
              Integer.parseInt(dayDirectory.getName(3).toString()));
      return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (NumberFormatException | DateTimeException e) {
      return null; // not a day directory: a sensor's own layout
    }
  }

  /**
   * Removes the empty day directories of days before the cutoff (never a directory the writer may
   * be about to use for today's events).
   */
  private static void removeEmptyDayDirectories(Path root, Instant cutoff) throws IOException {
    List<Path> days;
    try (Stream<Path> all = Files.walk(root, 4)) {
      days = all.filter(p -> root.relativize(p).getNameCount() == 4).toList();
    }
    for (Path dir : days) {
      Instant end = dayEnd(root.relativize(dir));
      if (end == null || !end.isBefore(cutoff) || !Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          continue;
        }
      }
      try {
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException e) {
        // the writer started a file there meanwhile
      }
    }
  }
}
