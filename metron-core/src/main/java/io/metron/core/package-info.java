/**
 * The shared vocabulary of Metron: the message every stage passes along ({@link
 * io.metron.core.message.Message}), the error message that replaces any input a stage could not
 * handle, and Metron's configuration documents ({@link io.metron.core.config}).
 *
 * <p>Nothing here knows about Kafka, HTTP or storage; the stages and the engine build on it.
 */
package io.metron.core;
