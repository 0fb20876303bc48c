package io.metron.bench.profile;

import io.metron.pipeline.profile.ProfileStateStore;
import io.metron.pipeline.profile.Profiler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;

/**
 * The same loop as {@link ProfilerBenchmark}, timed by the thread's CPU time rather than the wall
 * clock: events per CPU-second, a figure a machine shared with other builds cannot shrink the way
 * it shrinks a wall-clock rate. Warms up on as many events as it then measures.
 *
 * <p>Run: {@code java -cp metron-bench/target/benchmarks.jar
 * io.metron.bench.profile.ProfilerCpuRate 300000 memory} (or {@code serialized})
 */
public final class ProfilerCpuRate {
  private ProfilerCpuRate() {}

  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    boolean serialized = args.length > 1 && args[1].equals("serialized");
    Profiler profiler =
        ProfilerWorkload.profiler(
            serialized ? new ProfilerWorkload.SerializedStates() : ProfileStateStore.inMemory());
    List<Map<String, Object>> pool = ProfilerWorkload.events(1 << 16);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] time = {1_700_000_000_000L};
    run(profiler, pool, events, time); // warm-up
    long cpu = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    long measurements = run(profiler, pool, events, time);
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
    double wallSeconds = (System.nanoTime() - wall) / 1e9;
    System.out.printf(
        "%s state: %d events through 10 profiles, %d measurements: %.0f events per CPU-second"
            + " (%.0f per wall-clock second)%n",
        serialized ? "serialized" : "memory",
        events,
        measurements,
        events / cpuSeconds,
        events / wallSeconds);
  }

  private static long run(
      Profiler profiler, List<Map<String, Object>> pool, int events, long[] time) {
    long measurements = 0;
    for (int i = 0; i < events; i++) {
      Map<String, Object> event = pool.get(i & (pool.size() - 1));
      event.put("timestamp", ++time[0]);
      profiler.apply(event);
      if (time[0] % 10_000 == 0) {
        measurements += profiler.flushClosed().size();
      }
    }
    return measurements;
  }
}
