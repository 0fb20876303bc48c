/**
 * Demo telemetry for {@code metron run --demo}: realistic Bro/Zeek records, written by this
 * project, so a newcomer sees the platform work before connecting a sensor.
 */
package io.metron.streams.demo;
