/**
 * Metron's profiler client functions: {@code PROFILE_GET} and {@code PROFILE_VERBOSE} over a {@link
 * io.metron.pipeline.profile.ProfileStore}, {@code PROFILE_FIXED} and {@code PROFILE_WINDOW} (with
 * Metron's window language, {@link io.metron.pipeline.profile.client.WindowSelector}) to choose
 * periods, and the REPL's {@code PROFILER_INIT}, {@code PROFILER_APPLY} and {@code PROFILER_FLUSH},
 * all registered by {@link io.metron.pipeline.profile.client.ProfileFunctions}.
 */
package io.metron.pipeline.profile.client;
