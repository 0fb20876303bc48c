/**
 * Metron's profiler without Kafka: profiles from {@code profiler.json} compiled once ({@link
 * io.metron.pipeline.profile.CompiledProfile}), messages routed to (profile, entity) pairs ({@link
 * io.metron.pipeline.profile.MessageRouter}), per-period state built by {@code init} and {@code
 * update} and flushed to {@link io.metron.pipeline.profile.ProfileMeasurement}s ({@link
 * io.metron.pipeline.profile.ProfileBuilder}), Metron's period arithmetic ({@link
 * io.metron.pipeline.profile.ProfilePeriod}) and the local store of measurements ({@link
 * io.metron.pipeline.profile.ProfileStore}). The streaming profiler, the backfill and the REPL's
 * {@code PROFILER_*} functions all run this same code, so their measurements agree.
 */
package io.metron.pipeline.profile;
