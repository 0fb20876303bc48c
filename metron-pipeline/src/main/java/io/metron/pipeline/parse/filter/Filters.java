package io.metron.pipeline.parse.filter;

import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserSettings;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import io.metron.pipeline.parse.expr.ExpressionException;
import java.util.HashSet;

/** Builds the filter a sensor's {@code filterClassName} names. */
public final class Filters {
  private Filters() {}

  /**
   * The filter for {@code filterClassName} ({@code STELLAR}, {@code BRO} or Metron's class names
   * for them), or {@code null} for none.
   */
  public static MessageFilter build(
      String filterClassName, ParserSettings settings, ExpressionEngine engine)
      throws ParserConfigException {
    if (filterClassName == null || filterClassName.isBlank()) {
      return null;
    }
    switch (filterClassName) {
      case "STELLAR", "org.apache.metron.parsers.filters.StellarFilter" -> {
        String query = settings.requiredString("filter.query");
        try {
          return new StellarFilter(engine.compile(query));
        } catch (ExpressionException e) {
          throw settings.problem(
              "filter.query", "Stellar expression does not compile: " + e.getMessage());
        }
      }
      case "BRO", "org.apache.metron.parsers.filters.BroMessageFilter" -> {
        String key = settings.string("bro.filter.source.key", "protocol");
        return new BroFilter(
            key, new HashSet<>(settings.strings("bro.filter.source.known.protocols")));
      }
      default ->
          throw new ParserConfigException(
              settings.file(),
              "$.filterClassName",
              "unknown filter '" + filterClassName + "'; known: STELLAR, BRO");
    }
  }
}
