package io.metron.search.lucene;

import io.metron.core.message.MessageFields;
import io.metron.search.FieldType;
import io.metron.search.FieldTyping;
import java.net.InetAddress;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LatLonPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermRangeQuery;

/**
 * Lucene's classic query syntax, made aware of field types: {@code ip_src_port:53} and {@code
 * timestamp:[1 TO 2]} become numeric queries on numeric fields, addresses match exactly, by range
 * or by CIDR block ({@code ip_src_addr:"10.0.0.0/8"}), strings match exactly on keyword fields, and
 * a bare term searches the raw event text. {@code _exists_:field} and {@code field:*} match
 * documents that have the field. Elasticsearch-style field names ({@code source\:type}) are read as
 * Metron's dotted names. Not thread-safe: build one per query.
 */
final class TypedQueryParser extends QueryParser {
  private static final String EXISTS = "_exists_";

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

  /** Elasticsearch's dedotted names ({@code source:type}) mean Metron's dotted ones. */
  private static String normalise(String field) {
    return field == null ? null : field.replace(':', '.');
  }

  private FieldType typeOf(String field) {
    FieldType type = types.get(field);
    if (type == null && field.equals(MessageFields.ORIGINAL_STRING)) {
      return FieldType.TEXT;
    }
    return type;
  }

  @Override
  protected Query getFieldQuery(String rawField, String text, boolean quoted)
      throws ParseException {
    String field = normalise(rawField);
    if (EXISTS.equals(field)) {
      return exists(normalise(text));
    }
    FieldType type = typeOf(field);
    if (type == null) {
      return super.getFieldQuery(field, text, quoted);
    }
    return switch (type) {
      case LONG -> {
        Long n = DocumentMapper.asLong(text);
        yield n == null
            ? new MatchNoDocsQuery("not a whole number: " + text)
            : LongPoint.newExactQuery(field, n);
      }
      case DOUBLE -> {
        Double d = DocumentMapper.asDouble(text);
        yield d == null
            ? new MatchNoDocsQuery("not a number: " + text)
            : DoublePoint.newExactQuery(field, d);
      }
      case IP -> ipQuery(field, text);
      case GEO_POINT -> new MatchNoDocsQuery("geo points are not searched by value");
      default -> super.getFieldQuery(field, text, quoted);
    };
  }

  private static Query ipQuery(String field, String text) throws ParseException {
    String t = text.trim();
    int slash = t.indexOf('/');
    if (slash > 0) {
      InetAddress base = FieldTyping.ipLiteral(t.substring(0, slash));
      Integer bits = parseInt(t.substring(slash + 1));
      int max = base == null ? 0 : base.getAddress().length * 8;
      if (base == null || bits == null || bits < 0 || bits > max) {
        throw new ParseException(
            "'"
                + text
                + "' is not a CIDR block such as 10.0.0.0/8, but "
                + field
                + " holds addresses");
      }
      return InetAddressPoint.newPrefixQuery(field, base, bits);
    }
    InetAddress address = FieldTyping.ipLiteral(t);
    if (address == null) {
      throw new ParseException(
          "'" + text + "' is not an IP address, but " + field + " holds addresses");
    }
    return InetAddressPoint.newExactQuery(field, address);
  }

  private static Integer parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  protected Query getRangeQuery(
      String rawField, String lower, String upper, boolean startInclusive, boolean endInclusive)
      throws ParseException {
    String field = normalise(rawField);
    FieldType type = typeOf(field);
    boolean openLow = lower == null || lower.equals("*");
    boolean openHigh = upper == null || upper.equals("*");
    if (type == FieldType.LONG) {
      long lo = openLow ? Long.MIN_VALUE : parseLong(field, lower);
      long hi = openHigh ? Long.MAX_VALUE : parseLong(field, upper);
      if (!startInclusive && !openLow) {
        if (lo == Long.MAX_VALUE) {
          return new MatchNoDocsQuery();
        }
        lo++;
      }
      if (!endInclusive && !openHigh) {
        if (hi == Long.MIN_VALUE) {
          return new MatchNoDocsQuery();
        }
        hi--;
      }
      return LongPoint.newRangeQuery(field, lo, hi);
    }
    if (type == FieldType.DOUBLE) {
      double lo = openLow ? Double.NEGATIVE_INFINITY : parseDouble(field, lower);
      double hi = openHigh ? Double.POSITIVE_INFINITY : parseDouble(field, upper);
      if (!startInclusive && !openLow) {
        lo = Math.nextUp(lo);
      }
      if (!endInclusive && !openHigh) {
        hi = Math.nextDown(hi);
      }
      return DoublePoint.newRangeQuery(field, lo, hi);
    }
    if (type == FieldType.IP) {
      InetAddress lo = openLow ? InetAddressPoint.MIN_VALUE : parseIp(field, lower);
      InetAddress hi = openHigh ? InetAddressPoint.MAX_VALUE : parseIp(field, upper);
      if (!startInclusive && !openLow) {
        lo = InetAddressPoint.nextUp(lo);
      }
      if (!endInclusive && !openHigh) {
        hi = InetAddressPoint.nextDown(hi);
      }
      return InetAddressPoint.newRangeQuery(field, lo, hi);
    }
    return super.getRangeQuery(field, lower, upper, startInclusive, endInclusive);
  }

  @Override
  protected Query getWildcardQuery(String rawField, String termStr) throws ParseException {
    String field = normalise(rawField);
    if (termStr.equals("*")) {
      return field.equals("*") || field.equals(MessageFields.ORIGINAL_STRING)
          ? new MatchAllDocsQuery()
          : exists(field);
    }
    if (!isTermField(field)) {
      return new MatchNoDocsQuery("wildcards apply to text and keyword fields only");
    }
    return super.getWildcardQuery(field, termStr);
  }

  @Override
  protected Query getPrefixQuery(String rawField, String termStr) throws ParseException {
    String field = normalise(rawField);
    if (!isTermField(field)) {
      return new MatchNoDocsQuery("prefixes apply to text and keyword fields only");
    }
    return super.getPrefixQuery(field, termStr);
  }

  @Override
  protected Query getFuzzyQuery(String rawField, String termStr, float minSimilarity)
      throws ParseException {
    String field = normalise(rawField);
    if (!isTermField(field)) {
      return new MatchNoDocsQuery("fuzzy queries apply to text and keyword fields only");
    }
    return super.getFuzzyQuery(field, termStr, minSimilarity);
  }

  @Override
  protected Query getRegexpQuery(String rawField, String termStr) throws ParseException {
    String field = normalise(rawField);
    if (!isTermField(field)) {
      return new MatchNoDocsQuery("regular expressions apply to text and keyword fields only");
    }
    try {
      return super.getRegexpQuery(field, termStr);
    } catch (IllegalArgumentException e) {
      throw new ParseException("bad regular expression /" + termStr + "/: " + e.getMessage());
    }
  }

  private boolean isTermField(String field) {
    FieldType type = typeOf(field);
    return type == null
        || type == FieldType.KEYWORD
        || type == FieldType.TEXT
        || type == FieldType.BOOLEAN;
  }

  /** Documents that have a value for {@code field}. */
  Query exists(String field) {
    FieldType type = typeOf(field);
    if (type == null) {
      return new MatchNoDocsQuery("no document has " + field);
    }
    return switch (type) {
      case LONG -> LongPoint.newRangeQuery(field, Long.MIN_VALUE, Long.MAX_VALUE);
      case DOUBLE ->
          DoublePoint.newRangeQuery(field, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
      case IP ->
          InetAddressPoint.newRangeQuery(
              field, InetAddressPoint.MIN_VALUE, InetAddressPoint.MAX_VALUE);
      case GEO_POINT -> LatLonPoint.newBoxQuery(field, -90, 90, -180, 180);
      case TEXT -> new FieldExistsQuery(field);
      case KEYWORD, BOOLEAN -> new TermRangeQuery(field, null, null, true, true);
    };
  }

  /** An exact match of {@code value} on {@code field}, typed (used for guid lookups). */
  static Query term(String field, String value) {
    return new org.apache.lucene.search.TermQuery(new Term(field, value));
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

  private static InetAddress parseIp(String field, String text) throws ParseException {
    InetAddress address = FieldTyping.ipLiteral(text);
    if (address == null) {
      throw new ParseException(
          "'" + text + "' is not an IP address, but " + field + " holds addresses");
    }
    return address;
  }
}
