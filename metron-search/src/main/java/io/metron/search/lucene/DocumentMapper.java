package io.metron.search.lucene;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a message into a Lucene document: every field indexed by its {@link FieldType}, the whole
 * message stored once as JSON in {@value #SOURCE} (what searches return), {@code guid} as the
 * identity and {@code timestamp} as a sortable number. A value that does not fit its field's type
 * is kept in the source but not indexed, so nothing is lost.
 */
final class DocumentMapper {
  static final String SOURCE = "_source";
  static final String SORT_TIMESTAMP = "_timestamp";

  private final FieldTypes types;

  DocumentMapper(FieldTypes types) {
    this.types = types;
  }

  Document toDocument(Message message) {
    Document doc = new Document();
    doc.add(new StoredField(SOURCE, new BytesRef(MessageCodec.write(message))));
    Long timestamp = message.timestamp();
    doc.add(new NumericDocValuesField(SORT_TIMESTAMP, timestamp == null ? 0 : timestamp));
    message.fields().forEach((field, value) -> addField(doc, field, value));
    return doc;
  }

  private void addField(Document doc, String field, Object value) {
    if (value instanceof Collection<?> values) {
      for (Object element : values) {
        if (element != null
            && !(element instanceof Collection)
            && !(element instanceof java.util.Map)) {
          addField(doc, field, element);
        }
      }
      return;
    }
    if (value instanceof java.util.Map) {
      return;
    }
    FieldType type =
        field.equals(MessageFields.GUID) ? FieldType.KEYWORD : types.typeFor(field, value);
    switch (type) {
      case LONG -> {
        Long n = asLong(value);
        if (n != null) {
          doc.add(new LongPoint(field, n));
        }
      }
      case DOUBLE -> {
        Double d = asDouble(value);
        if (d != null) {
          doc.add(new DoublePoint(field, d));
        }
      }
      case TEXT -> doc.add(new TextField(field, value.toString(), Field.Store.NO));
      case KEYWORD, BOOLEAN -> {
        String s = value.toString();
        doc.add(new StringField(field, s, Field.Store.NO));
        if (s.length() < 256) {
          doc.add(new SortedSetDocValuesField(field, new BytesRef(s)));
        }
      }
    }
  }

  static Long asLong(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
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

  static List<String> sortableFields() {
    return List.of(SORT_TIMESTAMP);
  }
}
