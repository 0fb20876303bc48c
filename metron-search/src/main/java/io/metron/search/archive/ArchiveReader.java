package io.metron.search.archive;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFormatException;
import io.metron.search.IndexNames;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the archive back: the messages of some sensors in a time range that pass a predicate (the
 * CLI passes a Stellar filter), in file order. A file cut short by a crash or a bad disk is read up
 * to the damage and reported in {@link Result#warnings()}; it never stops the read. Files still
 * being written are read too, up to their last flush. Stateless; thread-safe.
 */
public final class ArchiveReader {
  private ArchiveReader() {}

  /**
   * What a read found.
   *
   * @param matched messages passed to the consumer
   * @param files files read
   * @param warnings one line per damaged file or unreadable line
   */
  public record Result(long matched, long files, List<String> warnings) {}

  /**
   * Reads messages under {@code root}.
   *
   * @param sensors the sensors to read; empty for all
   * @param from inclusive start (by each message's timestamp), or null
   * @param to exclusive end, or null
   * @param where which messages to keep; {@code m -> true} for all
   * @param out receives the messages kept
   */
  public static Result read(
      Path root,
      List<String> sensors,
      Instant from,
      Instant to,
      Predicate<Message> where,
      Consumer<Message> out)
      throws IOException {
    return read(new LocalArchiveStorage(root), sensors, from, to, where, out);
  }

  /** Reads messages under {@code storage}'s root, as the local read does. */
  public static Result read(
      ArchiveStorage storage,
      List<String> sensors,
      Instant from,
      Instant to,
      Predicate<Message> where,
      Consumer<Message> out)
      throws IOException {
    List<String> warnings = new ArrayList<>();
    long matched = 0;
    long files = 0;
    for (String file : files(storage, sensors, from, to)) {
      files++;
      Lines lines = readLines(storage, file);
      if (lines.torn() && ArchiveLayout.isSealed(file)) {
        warnings.add(
            storage.describe(file)
                + ": damaged after "
                + lines.lines().size()
                + " line(s) ("
                + lines.problem()
                + "); the rest of the file was skipped");
      }
      int lineNumber = 0;
      for (byte[] line : lines.lines()) {
        lineNumber++;
        Message message;
        try {
          message = MessageCodec.read(line);
        } catch (MessageFormatException e) {
          warnings.add(
              storage.describe(file) + ":" + lineNumber + ": not a message: " + e.getMessage());
          continue;
        }
        Long ts = message.timestamp();
        if (ts != null
            && ((from != null && ts < from.toEpochMilli())
                || (to != null && ts >= to.toEpochMilli()))) {
          continue;
        }
        if (where.test(message)) {
          out.accept(message);
          matched++;
        }
      }
    }
    return new Result(matched, files, warnings);
  }

  /** The archive files that can hold messages of {@code sensors} between from and to, in order. */
  static List<String> files(ArchiveStorage storage, List<String> sensors, Instant from, Instant to)
      throws IOException {
    List<String> sensorDirs = new ArrayList<>();
    if (sensors.isEmpty()) {
      for (String name : storage.list("")) {
        if (storage.isDirectory(name)) {
          sensorDirs.add(name);
        }
      }
    } else {
      for (String sensor : sensors) {
        sensorDirs.add(IndexNames.sensorPart(sensor));
      }
    }
    LocalDate first = from == null ? null : ArchiveLayout.dayOf(from.toEpochMilli());
    LocalDate last = to == null ? null : ArchiveLayout.dayOf(to.toEpochMilli() - 1);
    List<String> out = new ArrayList<>();
    for (String sensorDir : sensorDirs) {
      if (!storage.isDirectory(sensorDir)) {
        continue;
      }
      for (String file : ArchiveLayout.archiveFiles(storage, sensorDir, 4)) {
        LocalDate day = dayOf(file.substring(sensorDir.length() + 1, file.lastIndexOf('/') + 1));
        if (day == null
            || (first != null && day.isBefore(first))
            || (last != null && day.isAfter(last))) {
          continue;
        }
        out.add(file);
      }
    }
    return out;
  }

  /** The day a {@code yyyy/MM/dd/} directory names, or null for any other path. */
  private static LocalDate dayOf(String yearMonthDay) {
    String[] parts = yearMonthDay.split("/");
    if (parts.length != 3) {
      return null;
    }
    try {
      return LocalDate.of(
          Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The complete lines of one file, and whether it ended before its gzip trailer (a crash or a
   * damaged disk). A torn last line is dropped.
   */
  record Lines(List<byte[]> lines, boolean torn, String problem) {}

  static Lines readLines(ArchiveStorage storage, String file) throws IOException {
    List<byte[]> lines = new ArrayList<>();
    ByteArrayOutputStream current = new ByteArrayOutputStream();
    try (InputStream in =
        new GZIPInputStream(new BufferedInputStream(storage.open(file)), 64 * 1024)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            current.write(buffer, start, i - start);
            lines.add(current.toByteArray());
            current.reset();
            start = i + 1;
          }
        }
        current.write(buffer, start, n - start);
      }
    } catch (EOFException | ZipException e) {
      return new Lines(lines, true, e.getMessage() == null ? "truncated" : e.getMessage());
    }
    return new Lines(lines, false, null);
  }
}
