package io.metron.pipeline.parse.transform;

import io.metron.core.message.Message;

/**
 * One entry of a sensor's {@code fieldTransformations}, built once from its config.
 *
 * <p>Contract: immutable and thread-safe. {@link #apply} changes the message in place; a value that
 * cannot be transformed is left alone, and only a failing Stellar expression raises a {@link
 * TransformationException}, which the runner turns into a {@code parser_error} message.
 */
@FunctionalInterface
public interface FieldTransformation {
  void apply(Message message, TransformContext context) throws TransformationException;
}
