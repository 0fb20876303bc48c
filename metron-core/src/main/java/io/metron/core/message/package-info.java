/**
 * Metron's flat JSON message and its standard fields.
 *
 * <ul>
 *   <li>{@link io.metron.core.message.Message}: an ordered, mutable map of field name to value,
 *       with accessors for the standard fields listed in {@link
 *       io.metron.core.message.MessageFields}.
 *   <li>{@link io.metron.core.message.MessageCodec}: JSON bytes to and from messages, typed as
 *       Metron typed them (integers as {@code Long}, decimals as {@code Double}).
 *   <li>{@link io.metron.core.message.ErrorMessage}: Metron's error format, built from whatever
 *       went wrong plus the original bytes, so a bad input is indexed rather than lost.
 * </ul>
 */
package io.metron.core.message;
