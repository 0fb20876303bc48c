package io.metron.search.archive;

import com.fasterxml.jackson.core.type.TypeReference;
import io.metron.core.message.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the archive held at its last flush, kept at its root so that a crash between a flush and the
 * acknowledgement of its input costs neither a loss nor a duplicate:
 *
 * <ul>
 *   <li>{@code lines}: how many lines each file in progress had. Recovery keeps exactly those and
 *       drops what was written after, which the input replays.
 *   <li>{@code positions}: for each input partition, the offset before which every record was
 *       handed to the archive, as its writer was told with the flush. A consumer that restarts from
 *       older offsets skips what is before them, which the archive already holds.
 * </ul>
 *
 * <p>Each flush writes a new file {@code _checkpoint-<sequence>.json} and then deletes the older
 * ones. The newest file that reads whole is in force, so one torn by a crash while it was written
 * leaves the one before it in force, and with it the line counts that match its positions.
 */
record ArchiveCheckpoint(long sequence, Map<String, Long> positions, Map<String, Long> lines) {
  static final String PREFIX = "_checkpoint-";
  static final String SUFFIX = ".json";

  record Body(Map<String, Long> positions, Map<String, Long> lines) {}

  /** No checkpoint: recovery keeps every complete line, and no position is known. */
  static final ArchiveCheckpoint NONE = new ArchiveCheckpoint(-1, Map.of(), Map.of());

  /** Whether this is a checkpoint read from the storage rather than {@link #NONE}. */
  boolean exists() {
    return sequence >= 0;
  }

  /**
   * The checkpoint in force at {@code storage}'s root, or {@link #NONE}; its {@link #sequence} is
   * that of the newest checkpoint file present, whole or not, so the next one is named after it.
   */
  static ArchiveCheckpoint latest(ArchiveStorage storage) throws IOException {
    List<Long> sequences = new ArrayList<>();
    for (String name : storage.list("")) {
      Long sequence = sequenceOf(name);
      if (sequence != null) {
        sequences.add(sequence);
      }
    }
    sequences.sort(Comparator.reverseOrder());
    for (long sequence : sequences) {
      try (InputStream in = storage.open(name(sequence))) {
        Body body = MessageCodec.JSON.readValue(in, new TypeReference<Body>() {});
        if (body != null && body.positions() != null && body.lines() != null) {
          return new ArchiveCheckpoint(
              sequences.getFirst(), new TreeMap<>(body.positions()), body.lines());
        }
      } catch (IOException e) {
        // torn by a crash while it was written: the one before it is in force
      }
    }
    return sequences.isEmpty()
        ? NONE
        : new ArchiveCheckpoint(sequences.getFirst(), Map.of(), Map.of());
  }

  /**
   * Writes the checkpoint after this one with {@code positions} and {@code lines}, durably, then
   * deletes the older files, and returns it.
   */
  ArchiveCheckpoint next(
      ArchiveStorage storage, Map<String, Long> positions, Map<String, Long> lines)
      throws IOException {
    ArchiveCheckpoint next = new ArchiveCheckpoint(sequence + 1, positions, lines);
    try (OutputStream out = storage.create(name(next.sequence()))) {
      out.write(MessageCodec.JSON.writeValueAsBytes(new Body(positions, lines)));
    }
    for (String name : storage.list("")) {
      Long older = sequenceOf(name);
      if (older != null && older < next.sequence()) {
        storage.delete(name);
      }
    }
    return next;
  }

  private static String name(long sequence) {
    return PREFIX + sequence + SUFFIX;
  }

  private static Long sequenceOf(String name) {
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
      return null;
    }
    try {
      return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
