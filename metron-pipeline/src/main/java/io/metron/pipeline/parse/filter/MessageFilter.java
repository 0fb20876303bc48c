package io.metron.pipeline.parse.filter;

import io.metron.core.message.Message;
import io.metron.pipeline.parse.transform.TransformContext;
import io.metron.pipeline.parse.transform.TransformationException;

/**
 * A sensor's {@code filterClassName}: decides whether a parsed message goes on. Dropped messages
 * vanish silently, as in Metron. Immutable and thread-safe; only a failing Stellar query throws.
 */
@FunctionalInterface
public interface MessageFilter {
  boolean emit(Message message, TransformContext context) throws TransformationException;
}
