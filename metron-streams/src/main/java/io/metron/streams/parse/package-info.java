/**
 * The parsing sub-topology's processor: raw bytes from a sensor topic in, normalised messages to
 * {@code enrichments} (or to the parser's output topic) and error messages to the error topic.
 */
package io.metron.streams.parse;
