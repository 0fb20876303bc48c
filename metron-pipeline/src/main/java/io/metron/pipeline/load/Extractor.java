package io.metron.pipeline.load;

import java.util.List;

/**
 * Turns one unit of input (a line, or a whole file for {@code WHOLE_FILE} formats such as STIX)
 * into table rows. Contract: thread-safe; a unit it cannot read raises {@link BadRowException} with
 * a message that names the problem (the loader adds the file and line); comments and blank lines
 * yield no rows.
 */
@FunctionalInterface
public interface Extractor {
  List<TableRow> extract(String input) throws BadRowException;
}
