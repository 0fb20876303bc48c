package io.metron.server.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API's JSON: strict on the way in (unknown fields, wrong types, trailing text and nulls for
 * numbers are errors that name the field), plain on the way out.
 */
public final class Json {
  /** The strict reader and the writer. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  private Json() {}

  /** Decodes {@code bytes} as {@code type}, or an {@link ApiException} (400) naming the field. */
  public static <T> T read(byte[] bytes, Class<T> type) {
    if (bytes.length == 0 || new String(bytes, 0, Math.min(bytes.length, 64)).isBlank()) {
      throw ApiException.badRequest("a JSON body is required", null);
    }
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) {
        throw ApiException.badRequest("the body must not be null", null);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw explain(e);
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("cannot read the body: " + e.getMessage(), null);
    }
  }

  /** Converts an already-decoded value (a map from a larger document) to {@code type}. */
  public static <T> T convert(Object value, Class<T> type, String at) {
    try {
      return MAPPER.convertValue(value, type);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof JsonProcessingException j) {
        ApiException inner = explain(j);
        String field =
            at == null ? inner.field() : inner.field() == null ? at : at + "." + inner.field();
        throw ApiException.badRequest(inner.getMessage(), field);
      }
      throw ApiException.badRequest(e.getMessage(), at);
    }
  }

  /** A 400 naming the field at fault, with no parser internals. */
  static ApiException explain(JsonProcessingException e) {
    String field = e instanceof JsonMappingException m ? path(m.getPath()) : null;
    String message =
        switch (e) {
          case UnrecognizedPropertyException u ->
              "unknown field '" + u.getPropertyName() + "'" + known(u.getKnownPropertyIds());
          case ValueInstantiationException v ->
              v.getCause() == null ? "invalid value" : v.getCause().getMessage();
          case InvalidFormatException f ->
              (field == null ? "the body" : "field '" + field + "'")
                  + " must be "
                  + typeName(f.getTargetType())
                  + ", not "
                  + describe(f.getValue());
          case MismatchedInputException mi ->
              (field == null ? "the body" : "field '" + field + "'")
                  + " must be "
                  + typeName(mi.getTargetType());
          case JsonMappingException jm ->
              jm.getCause() != null && jm.getCause().getMessage() != null
                  ? jm.getCause().getMessage()
                  : "invalid value" + (field == null ? "" : " in field '" + field + "'");
          default ->
              "malformed JSON" + where(e.getLocation()) + ": " + plain(e.getOriginalMessage());
        };
    return ApiException.badRequest(message, field);
  }

  /** Jackson's message without its source excerpt or Java type names. */
  static String plain(String message) {
    if (message == null) {
      return "not valid JSON";
    }
    String m = message.split("\n", 2)[0];
    m = m.replaceAll("\\s*\\(start marker at \\[Source.*$", "");
    m = m.replaceAll("\\s*at \\[Source.*$", "");
    m = m.replaceAll("\\(?`?[a-z]+(\\.[a-z0-9]+)+\\.([A-Z][A-Za-z0-9$]*)`?\\)?", "$2");
    return m;
  }

  private static String where(JsonLocation at) {
    return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String known(Collection<Object> ids) {
    if (ids == null || ids.isEmpty()) {
      return "";
    }
    return "; known fields: "
        + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  private static String describe(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  static String typeName(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class) {
      return "an integer";
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isArray()
        || List.class.isAssignableFrom(type)
        || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of "
          + java.util.Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }

  /** {@code sort[0].sortOrder} from Jackson's path. */
  static String path(List<JsonMappingException.Reference> refs) {
    if (refs == null || refs.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (!b.isEmpty()) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.isEmpty() ? null : b.toString();
  }
}
