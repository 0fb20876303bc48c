package io.metron.pipeline.load;

import java.io.IOException;
import java.util.List;

/**
 * Where a load writes: the table store. Contract: thread-safe; {@link #write} stores a whole batch
 * or throws, so after a failure every earlier batch is stored and the failing one may be partly
 * stored; writing a row again replaces it, which makes a repeated load idempotent.
 */
@FunctionalInterface
public interface RowSink {
  void write(List<TableRow> rows) throws IOException;
}
