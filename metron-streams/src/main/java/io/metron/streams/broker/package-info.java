/**
 * The embedded Kafka broker that lets {@code metron run} work on one machine with nothing else
 * installed: a single KRaft node (broker and controller in one) keeping its data under the
 * platform's data directory: {@link io.metron.streams.broker.EmbeddedKafka}, and {@code
 * DeadIncarnation}, which lets a killed node start again without waiting for its old session.
 */
package io.metron.streams.broker;
