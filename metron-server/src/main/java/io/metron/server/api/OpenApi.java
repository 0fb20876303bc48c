package io.metron.server.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.0 document of the declared {@link Endpoint endpoints}: paths, parameters, the body
 * and response schemas (from the record types' components), and who may call each route ({@code
 * x-metron-role}). Built from the same declarations the router mounts, so the two cannot differ.
 */
public final class OpenApi {
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  private final Map<String, Object> schemas = new LinkedHashMap<>();

  private OpenApi() {}

  /** The document for {@code endpoints}. */
  public static Map<String, Object> document(List<Endpoint<?>> endpoints, String version) {
    OpenApi api = new OpenApi();
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Endpoint<?> e : endpoints) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>) paths.computeIfAbsent(e.path(), k -> new LinkedHashMap<>());
      item.put(e.method().name().toLowerCase(Locale.ROOT), api.operation(e));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put(
        "info",
        Map.of(
            "title",
            "Metron REST API",
            "version",
            version,
            "description",
            "Metron's REST API (paths and bodies as Apache Metron 0.7.2's metron-rest)."));
    doc.put("paths", paths);
    Map<String, Object> components = new LinkedHashMap<>();
    components.put("schemas", api.schemas);
    components.put(
        "securitySchemes",
        Map.of(
            "basic", Map.of("type", "http", "scheme", "basic"),
            "bearer", Map.of("type", "http", "scheme", "bearer"),
            "session", Map.of("type", "apiKey", "in", "cookie", "name", "METRON_SESSION")));
    doc.put("components", components);
    doc.put(
        "security",
        List.of(
            Map.of("basic", List.of()), Map.of("bearer", List.of()), Map.of("session", List.of())));
    return doc;
  }

  private Map<String, Object> operation(Endpoint<?> e) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("tags", List.of(e.tag()));
    op.put("summary", e.summary());
    op.put("operationId", operationId(e));
    op.put("x-metron-role", e.access().name());
    if (e.access() == Access.PUBLIC) {
      op.put("security", List.of());
    }
    List<Object> parameters = new ArrayList<>();
    Matcher m = PARAM.matcher(e.path());
    while (m.find()) {
      parameters.add(
          Map.of(
              "name",
              m.group(1),
              "in",
              "path",
              "required",
              true,
              "schema",
              Map.of("type", "string")));
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    if (e.body() != Void.class) {
      String mediaType = e.body() == String.class ? "text/plain" : "application/json";
      op.put(
          "requestBody",
          Map.of(
              "required", true, "content", Map.of(mediaType, Map.of("schema", schema(e.body())))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("description", "OK");
    if (e.response() != Void.class) {
      ok.put("content", Map.of("application/json", Map.of("schema", schema(e.response()))));
    }
    responses.put("200", ok);
    Map<String, Object> error =
        Map.of("content", Map.of("application/json", Map.of("schema", errorSchema())));
    responses.put("400", with(error, "Bad input: the error names the field"));
    if (e.access() != Access.PUBLIC) {
      responses.put("401", with(error, "Not authenticated"));
      responses.put("403", with(error, "Not allowed (role, or missing CSRF token)"));
    }
    op.put("responses", responses);
    return op;
  }

  private static Map<String, Object> with(Map<String, Object> base, String description) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    m.put("description", description);
    return m;
  }

  private Map<String, Object> errorSchema() {
    if (!schemas.containsKey("Error")) {
      schemas.put(
          "Error",
          Map.of(
              "type",
              "object",
              "properties",
              Map.of(
                  "error", Map.of("type", "string"),
                  "field", Map.of("type", "string", "nullable", true),
                  "responseCode", Map.of("type", "integer"))));
    }
    return Map.of("$ref", "#/components/schemas/Error");
  }

  private static String operationId(Endpoint<?> e) {
    StringBuilder b = new StringBuilder(e.method().name().toLowerCase(Locale.ROOT));
    for (String part : e.path().substring(Routes.BASE.length()).split("[/{}]")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  /** The schema of a Java type: records become named component schemas. */
  Map<String, Object> schema(Type type) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return Map.of("type", "array", "items", schema(args[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return Map.of("type", "object", "additionalProperties", schema(args[1]));
      }
      return schema(raw);
    }
    if (!(type instanceof Class<?> c)) {
      return Map.of();
    }
    if (c == String.class) {
      return Map.of("type", "string");
    }
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      return Map.of("type", "integer");
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
      return Map.of("type", "number");
    }
    if (c == boolean.class || c == Boolean.class) {
      return Map.of("type", "boolean");
    }
    if (c.isEnum()) {
      List<String> values = new ArrayList<>();
      for (Object v : c.getEnumConstants()) {
        values.add(v.toString());
      }
      return Map.of("type", "string", "enum", values);
    }
    if (c.isArray()) {
      return Map.of("type", "array", "items", schema(c.getComponentType()));
    }
    if (Collection.class.isAssignableFrom(c)) {
      return Map.of("type", "array", "items", Map.of());
    }
    if (c.isRecord()) {
      String name = c.getSimpleName();
      if (!schemas.containsKey(name)) {
        schemas.put(name, Map.of());
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent rc : c.getRecordComponents()) {
          properties.put(rc.getName(), schema(rc.getGenericType()));
        }
        schemas.put(name, Map.of("type", "object", "properties", properties));
      }
      return Map.of("$ref", "#/components/schemas/" + name);
    }
    return Map.of("type", "object");
  }
}
