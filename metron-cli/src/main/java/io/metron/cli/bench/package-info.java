/**
 * {@code metron bench}'s parts: a measurement window over a target under a fixed or lag-bounded
 * offered rate ({@link io.metron.cli.bench.Measurement}), and the plumbing limit — the same topics
 * and exactly-once guarantees with a pass-through topology ({@link io.metron.cli.bench.Plumbing}).
 */
package io.metron.cli.bench;
