package io.metron.bench.profile;

import io.metron.pipeline.profile.ProfileStateStore;
import io.metron.pipeline.profile.Profiler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Events per second through the ten profiles of {@link ProfilerWorkload}: each event routed
 * (onlyif, foreach) and applied (init, update) to every profile it feeds, with event time moving a
 * millisecond per event, so the one-minute periods close and are flushed (result, triage) every
 * 60,000 events as the stream's punctuation flushes them. {@code state=memory} keeps the state as
 * objects (the backfill and the REPL); {@code state=serialized} serializes each state on every
 * event, as the streaming profiler's RocksDB store does (RocksDB's own cost not included).
 *
 * <p>Run: {@code java -jar metron-bench/target/benchmarks.jar Profiler -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProfilerBenchmark {
  private static final int BATCH = 1000;
  private static final int FLUSH_EVERY = 10_000;

  @Param({"memory", "serialized"})
  public String state;

  private Profiler profiler;
  private List<Map<String, Object>> events;
  private int next;
  private long time;

  @Setup
  public void setUp() {
    ProfileStateStore states =
        state.equals("memory")
            ? ProfileStateStore.inMemory()
            : new ProfilerWorkload.SerializedStates();
    profiler = ProfilerWorkload.profiler(states);
    events = ProfilerWorkload.events(1 << 16);
    time = 1_700_000_000_000L;
  }

  /** {@value #BATCH} events, and a flush of the closed periods every {@value #FLUSH_EVERY}. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void tenProfiles(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      Map<String, Object> event = events.get(next);
      next = (next + 1) & (events.size() - 1);
      event.put("timestamp", ++time);
      profiler.apply(event);
      if (time % FLUSH_EVERY == 0) {
        bh.consume(profiler.flushClosed());
      }
    }
  }
}
