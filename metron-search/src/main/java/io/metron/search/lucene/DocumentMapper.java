package io.metron.search.lucene;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.search.FieldType;
import io.metron.search.FieldTyping;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LatLonDocValuesField;
import org.apache.lucene.document.LatLonPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * Turns a message into a Lucene document: every field indexed by its {@link FieldType} with doc
 * values (so any field but text can be sorted, faceted and grouped on), the whole message stored
 * once as JSON in {@value #SOURCE} (what searches return), {@code guid} as the identity and {@code
 * timestamp} as a sortable number. A value that does not fit its field's type is kept in the source
 * but not indexed, so nothing is lost.
 *
 * <p>Lucene requires every document of an index to index a field the same way, so each type adds
 * the same structures for every value it accepts, and skips the value entirely otherwise.
 */
final class DocumentMapper {
  static final String SOURCE = "_source";
  static final String SORT_TIMESTAMP = "_timestamp";

  /** Longer strings are kept in the source only, as Elasticsearch's {@code ignore_above}. */
  static final int MAX_KEYWORD_LENGTH = 8191;

  private final FieldTypes types;

  DocumentMapper(FieldTypes types) {
    this.types = types;
  }

  Document toDocument(Message message) {
    return toDocument(message, null);
  }

  /**
   * @param source the message's JSON as read, kept as the source instead of encoding it again, or
   *     null to encode it
   */
  Document toDocument(Message message, byte[] source) {
    Document doc = new Document();
    doc.add(source(message, source));
    Long timestamp = message.timestamp();
    doc.add(new NumericDocValuesField(SORT_TIMESTAMP, timestamp == null ? 0 : timestamp));
    message.fields().forEach((field, value) -> addField(doc, field, value));
    return doc;
  }

  /** The bare minimum: identity, time and source, for a message whose fields cannot be indexed. */
  Document minimalDocument(Message message, byte[] source) {
    Document doc = new Document();
    doc.add(source(message, source));
    Long timestamp = message.timestamp();
    doc.add(new NumericDocValuesField(SORT_TIMESTAMP, timestamp == null ? 0 : timestamp));
    doc.add(new StringField(MessageFields.GUID, message.guid(), Field.Store.NO));
    return doc;
  }

  private static StoredField source(Message message, byte[] source) {
    return new StoredField(
        SOURCE, new BytesRef(source != null ? source : MessageCodec.write(message)));
  }

  private void addField(Document doc, String field, Object value) {
    if (value == null || FieldTyping.isUnindexedObject(field)) {
      return;
    }
    if (value instanceof Map && types.get(field) != FieldType.GEO_POINT) {
      return;
    }
    if (value instanceof Collection<?> values) {
      for (Object element : values) {
        if (element != null && !(element instanceof Collection)) {
          addField(doc, field, element);
        }
      }
      return;
    }
    switch (types.typeFor(field, value)) {
      case LONG -> {
        Long n = asLong(value);
        if (n != null) {
          doc.add(new LongPoint(field, n));
          doc.add(new SortedNumericDocValuesField(field, n));
        }
      }
      case DOUBLE -> {
        Double d = asDouble(value);
        if (d != null) {
          doc.add(new DoublePoint(field, d));
          doc.add(new SortedNumericDocValuesField(field, NumericUtils.doubleToSortableLong(d)));
        }
      }
      case TEXT -> doc.add(new TextField(field, value.toString(), Field.Store.NO));
      case IP -> {
        InetAddress address = FieldTyping.ipLiteral(value.toString());
        if (address != null) {
          doc.add(new InetAddressPoint(field, address));
          doc.add(
              new SortedSetDocValuesField(field, new BytesRef(InetAddressPoint.encode(address))));
        }
      }
      case GEO_POINT -> {
        double[] latLon = latLon(value);
        if (latLon != null) {
          doc.add(new LatLonPoint(field, latLon[0], latLon[1]));
          doc.add(new LatLonDocValuesField(field, latLon[0], latLon[1]));
        }
      }
      case KEYWORD, BOOLEAN -> {
        String s = value.toString();
        if (s.length() <= MAX_KEYWORD_LENGTH) {
          doc.add(new StringField(field, s, Field.Store.NO));
          doc.add(new SortedSetDocValuesField(field, new BytesRef(s)));
        }
      }
    }
  }

  static Long asLong(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    String s = value.toString().trim();
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(s);
        return d == Math.rint(d) && !Double.isInfinite(d) ? (long) d : null;
      } catch (NumberFormatException e2) {
        return null;
      }
    }
  }

  static Double asDouble(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static double[] latLon(Object value) {
    try {
      if (value instanceof Map<?, ?> m
          && m.get("lat") instanceof Number lat
          && m.get("lon") instanceof Number lon) {
        return checked(lat.doubleValue(), lon.doubleValue());
      }
      String[] parts = value.toString().split(",");
      if (parts.length == 2) {
        return checked(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return null;
  }

  private static double[] checked(double lat, double lon) {
    return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 ? new double[] {lat, lon} : null;
  }
}
