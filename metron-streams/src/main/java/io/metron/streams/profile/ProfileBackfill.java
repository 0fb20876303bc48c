package io.metron.streams.profile;

import io.metron.core.config.Configs;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.profile.ProfileErrors;
import io.metron.pipeline.profile.ProfileMeasurement;
import io.metron.pipeline.profile.ProfileStateStore;
import io.metron.pipeline.profile.ProfileStore;
import io.metron.pipeline.profile.Profiler;
import io.metron.pipeline.profile.ProfilerSettings;
import io.metron.pipeline.profile.client.ProfileFunctions;
import io.metron.search.archive.ArchiveReader;
import io.metron.search.archive.ArchiveStorage;
import io.metron.search.archive.LocalArchiveStorage;
import io.metron.stellar.FunctionRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays the archive through the profiles (what Metron needed Spark for): the same routing,
 * builder and period code as the streaming profiler, so over the same events the measurements are
 * the same. Needs event time ({@code timestampField}), as Metron's batch profiler did. The range is
 * widened to whole periods, so no period is written half-counted over a complete one. Works a chunk
 * of about a day at a time (a whole number of periods), holding only that chunk's state in memory;
 * within a chunk every event counts however late it comes, since the archive is read sensor by
 * sensor rather than in time order.
 */
public final class ProfileBackfill {

  /** After each chunk: how far, out of how many chunks, with the totals so far. */
  @FunctionalInterface
  public interface Progress {
    void chunk(int done, int chunks, long messages, long measurements);
  }

  /**
   * What a backfill did.
   *
   * @param from the start actually replayed (a period start)
   * @param to the end actually replayed (a period end)
   */
  public record Result(
      Instant from,
      Instant to,
      long messages,
      long measurements,
      List<String> warnings,
      ProfileErrors errors) {}

  private ProfileBackfill() {}

  /**
   * Replays {@code [from, to)} of the archive under {@code archive} into {@code out}.
   *
   * @throws IllegalArgumentException when the profiler config has no profiles or no timestampField,
   *     or a setting is invalid
   */
  public static Result run(
      Path archive,
      Configs configs,
      Instant from,
      Instant to,
      ProfileStore out,
      Clock clock,
      Progress progress)
      throws IOException {
    return run(new LocalArchiveStorage(archive), configs, from, to, out, clock, progress);
  }

  /**
   * Replays {@code [from, to)} of the archive in {@code archive} (local or HDFS) into {@code out}.
   */
  public static Result run(
      ArchiveStorage archive,
      Configs configs,
      Instant from,
      Instant to,
      ProfileStore out,
      Clock clock,
      Progress progress)
      throws IOException {
    if (configs.profiler().profiles().isEmpty()) {
      throw new IllegalArgumentException("profiler.json has no profiles: nothing to backfill");
    }
    if (configs.profiler().timestampField() == null) {
      throw new IllegalArgumentException(
          "a backfill needs event time: set \"timestampField\" in profiler.json (as Metron's batch"
              + " profiler required)");
    }
    String timestampField = configs.profiler().timestampField();
    ProfilerSettings settings = ProfilerSettings.from(configs.global().values());
    long period = settings.periodMillis();
    long start = Math.floorDiv(from.toEpochMilli(), period) * period;
    long end = Math.floorDiv(to.toEpochMilli() + period - 1, period) * period;
    long chunk = Math.max(1, 86_400_000L / period) * period;
    int chunks = (int) Math.max(1, (end - start + chunk - 1) / chunk);
    FunctionRegistry functions = ProfileFunctions.register(FunctionRegistry.builtin(), out, clock);
    ProfileErrors errors = new ProfileErrors();
    List<String> warnings = new ArrayList<>();
    long messages = 0;
    long measurements = 0;
    for (int i = 0; i < chunks; i++) {
      long chunkStart = start + i * chunk;
      long chunkEnd = Math.min(end, chunkStart + chunk);
      Profiler profiler =
          Profiler.of(
                  configs.profiler(),
                  functions,
                  configs.global().values(),
                  ProfileStateStore.inMemory(),
                  errors,
                  clock)
              .keepLateEvents();
      long[] seen = {0};
      ArchiveReader.Result read =
          ArchiveReader.read(
              archive,
              List.of(),
              Instant.ofEpochMilli(chunkStart),
              Instant.ofEpochMilli(chunkEnd),
              m -> {
                // the archive's range is by "timestamp"; each event belongs to the chunk its
                // profile time falls in, so no event counts twice
                Long ts = Profiler.epochMillis(m.get(timestampField));
                return ts != null
                    && ts >= chunkStart
                    && ts < chunkEnd
                    && !MessageFields.ERROR_SOURCE_TYPE.equals(m.sourceType());
              },
              m -> {
                profiler.apply(m.fields());
                seen[0]++;
              });
      warnings.addAll(read.warnings());
      List<ProfileMeasurement> flushed = profiler.flushAll();
      out.write(flushed);
      messages += seen[0];
      measurements += flushed.size();
      progress.chunk(i + 1, chunks, messages, measurements);
    }
    return new Result(
        Instant.ofEpochMilli(start),
        Instant.ofEpochMilli(end),
        messages,
        measurements,
        warnings,
        errors);
  }
}
