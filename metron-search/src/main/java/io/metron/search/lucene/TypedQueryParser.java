package io.metron.search.lucene;

import io.metron.core.message.MessageFields;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Lucene's classic query syntax, made aware of field types: {@code ip_src_port:53} and {@code
 * timestamp:[1 TO 2]} become numeric queries on numeric fields, strings match exactly on keyword
 * fields, and a bare term searches the raw event text. Not thread-safe: build one per query.
 */
final class TypedQueryParser extends QueryParser {
  private final FieldTypes types;

  TypedQueryParser(FieldTypes types) {
    super(MessageFields.ORIGINAL_STRING, analyzer());
    this.types = types;
    setAllowLeadingWildcard(true);
  }

  /** The analyzers used both to index and to parse queries, which must agree. */
  static Analyzer analyzer() {
    return new PerFieldAnalyzerWrapper(
        new KeywordAnalyzer(), Map.of(MessageFields.ORIGINAL_STRING, new StandardAnalyzer()));
  }

  Query parseQuery(String query) throws ParseException {
    String trimmed = query.trim();
    if (trimmed.isEmpty() || trimmed.equals("*") || trimmed.equals("*:*")) {
      return new MatchAllDocsQuery();
    }
    return parse(trimmed);
  }

  @Override
  protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
    FieldType type = types.get(field);
    if (type == FieldType.LONG) {
      Long n = DocumentMapper.asLong(text);
      return n == null
          ? new MatchNoDocsQuery("not a number: " + text)
          : LongPoint.newExactQuery(field, n);
    }
    if (type == FieldType.DOUBLE) {
      Double d = DocumentMapper.asDouble(text);
      return d == null
          ? new MatchNoDocsQuery("not a number: " + text)
          : DoublePoint.newExactQuery(field, d);
    }
    return super.getFieldQuery(field, text, quoted);
  }

  @Override
  protected Query getRangeQuery(
      String field, String lower, String upper, boolean startInclusive, boolean endInclusive)
      throws ParseException {
    FieldType type = types.get(field);
    if (type == FieldType.LONG) {
      long lo = lower == null || lower.equals("*") ? Long.MIN_VALUE : parseLong(field, lower);
      long hi = upper == null || upper.equals("*") ? Long.MAX_VALUE : parseLong(field, upper);
      if (!startInclusive && lo != Long.MAX_VALUE) {
        lo++;
      }
      if (!endInclusive && hi != Long.MIN_VALUE) {
        hi--;
      }
      return LongPoint.newRangeQuery(field, lo, hi);
    }
    if (type == FieldType.DOUBLE) {
      double lo =
          lower == null || lower.equals("*") ? Double.NEGATIVE_INFINITY : parseDouble(field, lower);
      double hi =
          upper == null || upper.equals("*") ? Double.POSITIVE_INFINITY : parseDouble(field, upper);
      if (!startInclusive) {
        lo = Math.nextUp(lo);
      }
      if (!endInclusive) {
        hi = Math.nextDown(hi);
      }
      return DoublePoint.newRangeQuery(field, lo, hi);
    }
    return super.getRangeQuery(field, lower, upper, startInclusive, endInclusive);
  }

  private static long parseLong(String field, String text) throws ParseException {
    Long n = DocumentMapper.asLong(text);
    if (n == null) {
      throw new ParseException(
          "'" + text + "' is not a whole number, but " + field + " holds numbers");
    }
    return n;
  }

  private static double parseDouble(String field, String text) throws ParseException {
    Double d = DocumentMapper.asDouble(text);
    if (d == null) {
      throw new ParseException("'" + text + "' is not a number, but " + field + " holds numbers");
    }
    return d;
  }
}
