/**
 * Benchmarks of the profiler's own code, the router and builder the streaming profiler, the
 * backfill and the REPL share: {@link io.metron.bench.profile.ProfilerBenchmark} measures events
 * per second through ten profiles, {@link io.metron.bench.profile.ProfilerHeap} the heap (and
 * serialized bytes) one live entity's state takes. {@link io.metron.bench.profile.ProfilerWorkload}
 * holds the profiles and events both use.
 */
package io.metron.bench.profile;
