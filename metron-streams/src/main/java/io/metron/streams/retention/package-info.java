/**
 * Retention that {@code metron run} schedules: every {@code retention.interval.minutes} it deletes
 * what has outlived its configured age or size from the search index (whole day indices), the
 * archive (sealed files), the packet store (sealed files) and the profile store (periods whose
 * measurements passed their profile's {@code expires}). Settings come from the live global config
 * ({@link io.metron.streams.retention.RetentionSettings}); {@link
 * io.metron.streams.retention.RetentionScheduler} runs the passes, logs what each removed and
 * counts it in {@code /metrics}.
 */
package io.metron.streams.retention;
