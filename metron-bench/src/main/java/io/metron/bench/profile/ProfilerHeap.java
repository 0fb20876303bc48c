package io.metron.bench.profile;

import io.metron.pipeline.profile.ProfileStateStore;
import io.metron.pipeline.profile.Profiler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;

/**
 * How many live entities a gigabyte holds: applies ten events to each of N entities (an address
 * that is both source and destination of its TCP events, so it has state in the eight per-address
 * profiles of {@link ProfilerWorkload}), all in one period, and reports the heap retained per
 * entity (heap used after full collections, with and without the state) and the bytes the streaming
 * profiler's state store holds per entity (keys and serialized states).
 *
 * <p>Run: {@code java -Xmx4g -cp metron-bench/target/benchmarks.jar
 * io.metron.bench.profile.ProfilerHeap 100000}
 */
public final class ProfilerHeap {
  private static final int EVENTS_PER_ENTITY = 10;

  private ProfilerHeap() {}

  public static void main(String[] args) {
    int entities = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    long before = usedAfterGc(memory);
    Profiler inMemory = ProfilerWorkload.profiler(ProfileStateStore.inMemory());
    feed(inMemory, entities);
    long after = usedAfterGc(memory);
    double heapPerEntity = (after - before) / (double) entities;
    java.lang.ref.Reference.reachabilityFence(inMemory);
    inMemory = null;

    ProfilerWorkload.SerializedStates serialized = new ProfilerWorkload.SerializedStates();
    feed(ProfilerWorkload.profiler(serialized), entities);
    double storedPerEntity = serialized.storedBytes() / (double) entities;

    double gib = 1L << 30;
    System.out.printf(
        "entities: %d, states: %d (%d events each)%n",
        entities, serialized.size(), EVENTS_PER_ENTITY);
    System.out.printf(
        "heap: %.0f bytes per entity -> %.0f live entities per GiB of heap%n",
        heapPerEntity, gib / heapPerEntity);
    System.out.printf(
        "state store: %.0f bytes per entity -> %.0f entities per GiB of RocksDB data%n",
        storedPerEntity, gib / storedPerEntity);
  }

  private static void feed(Profiler profiler, int entities) {
    java.util.Random r = new java.util.Random(7);
    long t = 1_700_000_000_000L; // all in one period: every state stays live
    for (int i = 0; i < entities; i++) {
      String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      for (int j = 0; j < EVENTS_PER_ENTITY; j++) {
        Map<String, Object> e =
            ProfilerWorkload.event(
                address, address, j % 2 == 0 ? 443 : 1024 + j, r.nextInt(100_000), true);
        e.put("timestamp", t);
        profiler.apply(e);
      }
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
