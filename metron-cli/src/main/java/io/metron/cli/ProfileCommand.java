package io.metron.cli;

import io.metron.core.config.Configs;
import io.metron.pipeline.profile.FileProfileStore;
import io.metron.pipeline.profile.ProfileErrors;
import io.metron.search.archive.ArchiveStorage;
import io.metron.streams.profile.ProfileBackfill;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code metron profile}: the profiler's offline tools. */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = "The profiler's offline tools: replay the archive through profiler.json.",
    subcommands = {ProfileCommand.Backfill.class})
final class ProfileCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code metron profile backfill}: the archive through the profiles, into the profile store. */
  @Command(
      name = "backfill",
      mixinStandardHelpOptions = true,
      description = {
        "Replays archived events through the profiles of profiler.json, with the streaming",
        "profiler's code, and writes the measurements to the profile store (<data>/profiles),",
        "where PROFILE_GET reads them. Needs \"timestampField\" in profiler.json (event time).",
        "The range is widened to whole profile periods. The platform may be running.",
        "",
        "Examples:",
        "  metron profile backfill --from 2025-11-01 --to 2025-11-28",
        "  metron profile backfill --from 7d --config-dir conf --data data",
      })
  static final class Backfill implements Callable<Integer> {
    @Mixin Locations locations;

    @Mixin TimeRange range;

    @Option(
        names = "--archive",
        paramLabel = "DIR|URI",
        description = {
          "The archive to replay: a directory or an hdfs:// URI (with metron-hadoop).",
          "Default: the global config's archive.uri, else <data>/archive."
        })
    String archive;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Instant now = Instant.now();
      Instant start = range.start(now);
      Instant end = range.end(now);
      if (!start.isBefore(end)) {
        throw new UserException("--from must be before --to");
      }
      Configs configs = Composition.configLoader().load(locations.configDir());
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ProfileBackfill.Result result;
      try (FileProfileStore store = FileProfileStore.inDataDir(locations.data);
          ArchiveStorage source = ArchiveStorage.at(locations.archive(archive))) {
        result =
            ProfileBackfill.run(
                source,
                configs,
                start,
                end,
                store,
                Clock.systemUTC(),
                (done, chunks, messages, measurements) -> {
                  err.print(
                      "\r"
                          + bar(done, chunks)
                          + " "
                          + messages
                          + " events, "
                          + measurements
                          + " measurements");
                  err.flush();
                });
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage());
      }
      err.println();
      result.warnings().forEach(w -> err.println("warning: " + w));
      for (Map.Entry<String, ProfileErrors.Count> e : result.errors().snapshot().entrySet()) {
        err.println(
            "profile "
                + e.getKey()
                + ": "
                + e.getValue().count()
                + " failed expression(s), last: "
                + e.getValue().lastReason());
      }
      err.flush();
      out.println(
          "Replayed "
              + result.messages()
              + " events from "
              + result.from()
              + " to "
              + result.to()
              + ": "
              + result.measurements()
              + " measurements written to "
              + locations.data.resolve("profiles"));
      out.flush();
      return 0;
    }

    /** A progress bar such as {@code [#####-----] 3/6 days}. */
    static String bar(int done, int chunks) {
      int width = 30;
      int filled = (int) ((long) width * done / Math.max(1, chunks));
      return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + chunks;
    }
  }
}
