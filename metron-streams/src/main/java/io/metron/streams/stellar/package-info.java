/**
 * The Stellar functions that need a Kafka client: {@link io.metron.streams.stellar.KafkaFunctions}
 * ({@code KAFKA_GET}, {@code KAFKA_TAIL}, {@code KAFKA_FIND}, {@code KAFKA_SEEK}, {@code
 * KAFKA_PUT}, {@code KAFKA_PROPS}), Metron's REPL tools for looking at and feeding the pipeline's
 * topics.
 */
package io.metron.streams.stellar;
