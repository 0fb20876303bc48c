package io.metron.streams.indexing;

import io.metron.search.Incoming;
import io.metron.search.SearchStore;
import io.metron.search.archive.ArchiveWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an {@link IndexingWriter} puts messages: the search store or the archive. {@link
 * #commit(Map)} makes every write so far durable; the writer commits its Kafka offsets only after
 * it returns.
 */
public interface BatchWriter {
  /** Writes one batch of one sensor's messages, applying that sensor's settings. */
  void write(SensorSettings settings, List<Incoming> messages) throws IOException;

  /**
   * Makes every write so far durable.
   *
   * @param positions for each input partition read, the offset before which every record was handed
   *     to this output or was not for it; an output that keeps them ({@link #committedPositions()})
   *     keeps them with its data
   */
  void commit(Map<String, Long> positions) throws IOException;

  /**
   * The positions of the last commit, for an output that cannot replace a record it already holds
   * and so must not be given one twice: the writer skips, for it, what a replay brings from before
   * them, and hands it every batch before each commit so that they are exact. Empty for an output
   * that replaces by guid.
   */
  default Optional<Map<String, Long>> committedPositions() throws IOException {
    return Optional.empty();
  }

  /**
   * For each input partition, the offset past which no record is in the output, or empty when the
   * output does not track positions (see {@code SearchStore.storedPositions}).
   */
  default Optional<Map<String, Long>> storedPositions() throws IOException {
    return Optional.empty();
  }

  /** Writes to a search store, which may track input positions (see {@code Incoming}). */
  static BatchWriter of(SearchStore store) {
    return new BatchWriter() {
      @Override
      public void write(SensorSettings sensor, List<Incoming> messages) throws IOException {
        store.append(sensor.index(), messages);
      }

      @Override
      public void commit(Map<String, Long> positions) throws IOException {
        store.commit();
      }

      @Override
      public Optional<Map<String, Long>> storedPositions() throws IOException {
        return store.storedPositions();
      }
    };
  }

  /** Writes to the archive, in the directories the sensor's {@code outputPathFunction} names. */
  static BatchWriter of(ArchiveWriter archive) {
    return new BatchWriter() {
      @Override
      public void write(SensorSettings sensor, List<Incoming> messages) throws IOException {
        if (sensor.outputPath() == null) {
          archive.append(null, messages);
          return;
        }
        Map<String, List<Incoming>> byPath = new LinkedHashMap<>();
        for (Incoming message : messages) {
          byPath
              .computeIfAbsent(sensor.pathOf(message.message()), p -> new ArrayList<>())
              .add(message);
        }
        for (Map.Entry<String, List<Incoming>> path : byPath.entrySet()) {
          archive.append(path.getKey(), path.getValue());
        }
      }

      @Override
      public void commit(Map<String, Long> positions) throws IOException {
        archive.flush(positions);
      }

      @Override
      public Optional<Map<String, Long>> committedPositions() {
        return Optional.of(archive.positions());
      }
    };
  }
}
