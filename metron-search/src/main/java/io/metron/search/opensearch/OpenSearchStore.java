package io.metron.search.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.core.message.MessageFormatException;
import io.metron.search.ColumnType;
import io.metron.search.FieldTyping;
import io.metron.search.GetRequest;
import io.metron.search.GroupRequest;
import io.metron.search.GroupResponse;
import io.metron.search.GroupResponse.GroupResult;
import io.metron.search.IndexNames;
import io.metron.search.IndexedDocument;
import io.metron.search.SearchException;
import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import io.metron.search.SearchResponse.SearchHit;
import io.metron.search.SearchStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * The search store on an OpenSearch cluster, through opensearch-java, with the same index names,
 * field typing (an index template, {@link IndexTemplate}), query syntax and answers as the embedded
 * Lucene store: both pass one contract test suite.
 *
 * <p>Writes are bulk requests with the guid as document id; {@link #commit()} refreshes, so what
 * was written is searchable when it returns (OpenSearch also refreshes every second by itself).
 * Replacements and patches refresh immediately. Thread-safe.
 */
public final class OpenSearchStore implements SearchStore {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String JSON_TYPE = "application/json";

  private final OpenSearchTransport transport;
  private final OpenSearchGenericClient client;
  private final Map<String, String> fieldTypes = new java.util.concurrent.ConcurrentHashMap<>();

  private OpenSearchStore(
      OpenSearchTransport transport, OpenSearchSettings settings, FieldTyping typing)
      throws IOException {
    this.transport = transport;
    this.client = new OpenSearchClient(transport).generic();
    try {
      probe(settings);
      send(
          "PUT",
          "/_index_template/" + IndexTemplate.NAME,
          IndexTemplate.body(typing, settings.replicas()),
          "install the index template");
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Connects to the cluster at {@code url} ({@code http://host:9200}) and installs the index
   * template.
   */
  public static OpenSearchStore connect(URI url, FieldTyping typing) throws IOException {
    return connect(OpenSearchSettings.of(url), typing);
  }

  /**
   * Connects to the cluster {@code settings} names, checks that it answers and accepts the
   * credentials, and installs the index template built from {@code typing}.
   *
   * @throws IOException with one line saying what is wrong: the cluster cannot be reached, the
   *     credentials are refused, or the certificate is not trusted
   */
  public static OpenSearchStore connect(OpenSearchSettings settings, FieldTyping typing)
      throws IOException {
    return new OpenSearchStore(OpenSearchConnection.transport(settings), settings, typing);
  }

  /** {@code GET /}: turns an unreachable node or refused credentials into one clear message. */
  private void probe(OpenSearchSettings settings) throws IOException {
    int status;
    JsonNode json;
    try (Response response =
        client.execute(Requests.create("GET", "/", List.of(), Map.of(), null))) {
      status = response.getStatus();
      json = read(response);
    } catch (IOException e) {
      // The transport turns some answers (401, 403) into exceptions; they are answers all the same.
      ResponseException answer = OpenSearchConnection.answer(e);
      if (answer == null) {
        throw new IOException(
            "cannot reach OpenSearch at "
                + settings.describe()
                + ": "
                + OpenSearchConnection.rootCause(e),
            e);
      }
      status = answer.status();
      json = JSON.objectNode();
    }
    if (status == 401) {
      throw new IOException(
          "OpenSearch at "
              + settings.describe()
              + " refused the credentials"
              + (settings.username() == null
                  ? " (none were given: set opensearch.username and the password)"
                  : " of user '" + settings.username() + "'")
              + " (401)");
    }
    if (status == 403) {
      throw new IOException(
          "OpenSearch at "
              + settings.describe()
              + " denies user '"
              + settings.username()
              + "' access (403)");
    }
    if (status >= 400) {
      throw new IOException(
          "OpenSearch at " + settings.describe() + " answered " + status + ": " + reason(json));
    }
  }

  @Override
  public void write(String index, List<Message> messages) throws IOException {
    if (messages.isEmpty()) {
      return;
    }
    ByteArrayOutputStream bulk = new ByteArrayOutputStream();
    for (Message message : messages) {
      if (message.guid() == null) {
        throw new IllegalArgumentException("a message without a guid cannot be indexed");
      }
      ObjectNode action = JSON.objectNode();
      action
          .putObject("index")
          .put("_index", IndexNames.of(index, message))
          .put("_id", message.guid());
      bulk.write(MessageCodec.JSON.writeValueAsBytes(action));
      bulk.write('\n');
      bulk.write(MessageCodec.write(message));
      bulk.write('\n');
    }
    JsonNode response = sendBytes("POST", "/_bulk", bulk.toByteArray(), "application/x-ndjson");
    if (response.path("errors").asBoolean(false)) {
      for (JsonNode item : response.path("items")) {
        JsonNode error = item.path("index").path("error");
        if (!error.isMissingNode()) {
          throw new IOException(
              "OpenSearch refused "
                  + item.path("index").path("_id").asText()
                  + ": "
                  + error.path("reason").asText());
        }
      }
    }
  }

  @Override
  public void commit() throws IOException {
    send(
        "POST",
        "/" + IndexTemplate.PATTERN + "/_refresh?ignore_unavailable=true&allow_no_indices=true",
        null,
        "refresh");
  }

  @Override
  public SearchResponse search(SearchRequest request) throws SearchException {
    ObjectNode body = JSON.objectNode();
    body.set(
        "query", query(request.query(), request.filters(), request.fromTime(), request.toTime()));
    body.put("from", request.from());
    body.put("size", request.size());
    body.put("track_total_hits", true);
    body.set("sort", sort(request.sort()));
    if (!request.facetFields().isEmpty()) {
      ObjectNode aggs = body.putObject("aggs");
      for (int i = 0; i < request.facetFields().size(); i++) {
        ObjectNode terms = aggs.putObject("f" + i).putObject("terms");
        terms.put("field", request.facetFields().get(i));
        terms.put("size", SearchRequest.MAX_FACET_VALUES);
        ArrayNode order = terms.putArray("order");
        order.addObject().put("_count", "desc");
        order.addObject().put("_key", "asc");
      }
    }
    JsonNode response = searchRequest(request.indices(), body, request.query());
    List<SearchHit> hits = new ArrayList<>();
    for (JsonNode hit : response.path("hits").path("hits")) {
      Message message = source(hit);
      hits.add(
          new SearchHit(
              hit.path("_id").asText(),
              hit.path("_index").asText(),
              project(message, request.fields())));
    }
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    for (int i = 0; i < request.facetFields().size(); i++) {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (JsonNode bucket : response.path("aggregations").path("f" + i).path("buckets")) {
        counts.put(key(bucket), bucket.path("doc_count").asLong());
      }
      facets.put(request.facetFields().get(i), counts);
    }
    return new SearchResponse(
        response.path("hits").path("total").path("value").asLong(),
        hits,
        request.facetFields().isEmpty() ? Map.of() : facets);
  }

  @Override
  public GroupResponse group(GroupRequest request) throws SearchException {
    ObjectNode body = JSON.objectNode();
    body.set("query", query(request.query(), List.of(), request.fromTime(), request.toTime()));
    body.put("size", 0);
    ObjectNode level = body;
    for (int i = 0; i < request.groups().size(); i++) {
      GroupRequest.Group group = request.groups().get(i);
      ObjectNode aggs =
          level.has("aggs") ? (ObjectNode) level.get("aggs") : level.putObject("aggs");
      ObjectNode agg = aggs.putObject("g" + i);
      ObjectNode terms = agg.putObject("terms");
      terms.put("field", group.field());
      terms.put("size", GroupRequest.MAX_GROUPS);
      String direction = group.ascending() ? "asc" : "desc";
      ArrayNode order = terms.putArray("order");
      if (group.order() == GroupRequest.Order.TERM) {
        order.addObject().put("_key", direction);
      } else {
        order.addObject().put("_count", direction);
        order.addObject().put("_key", "asc");
      }
      if (request.scoreField() != null) {
        agg.putObject("aggs")
            .putObject("score")
            .putObject("sum")
            .put("field", request.scoreField());
      }
      level = agg;
    }
    JsonNode response = searchRequest(request.indices(), body, request.query());
    return new GroupResponse(
        request.groups().getFirst().field(),
        groupResults(response.path("aggregations"), request.groups(), 0));
  }

  private static List<GroupResult> groupResults(
      JsonNode aggs, List<GroupRequest.Group> groups, int level) {
    List<GroupResult> results = new ArrayList<>();
    String next = level + 1 < groups.size() ? groups.get(level + 1).field() : null;
    for (JsonNode bucket : aggs.path("g" + level).path("buckets")) {
      results.add(
          new GroupResult(
              key(bucket),
              bucket.path("doc_count").asLong(),
              bucket.path("score").path("value").asDouble(0),
              next,
              next == null ? List.of() : groupResults(bucket, groups, level + 1)));
    }
    return results;
  }

  @Override
  public Optional<IndexedDocument> getLatest(GetRequest request) throws SearchException {
    ObjectNode body = JSON.objectNode();
    body.putObject("query").putObject("term").put(MessageFields.GUID, request.guid());
    body.put("size", 1);
    body.putArray("sort").addObject().putObject(MessageFields.TIMESTAMP).put("order", "desc");
    List<String> indices = request.sensorType() == null ? List.of() : List.of(request.sensorType());
    JsonNode hits =
        searchRequest(indices, body, "guid:" + request.guid()).path("hits").path("hits");
    if (hits.isEmpty()) {
      return Optional.empty();
    }
    JsonNode hit = hits.get(0);
    return Optional.of(IndexedDocument.of(source(hit), hit.path("_index").asText()));
  }

  @Override
  public IndexedDocument replace(Message message) throws SearchException {
    if (message.guid() == null) {
      throw new SearchException("a document without a guid cannot be stored");
    }
    String index =
        getLatest(new GetRequest(message.guid(), message.sourceType()))
            .map(IndexedDocument::index)
            .orElseGet(() -> IndexNames.of(message));
    try {
      sendBytes(
          "PUT",
          "/" + encode(index) + "/_doc/" + encode(message.guid()) + "?refresh=true",
          MessageCodec.write(message),
          JSON_TYPE);
    } catch (IOException e) {
      throw new SearchException("cannot store " + message.guid() + ": " + e.getMessage(), e);
    }
    return IndexedDocument.of(message, index);
  }

  @Override
  public Map<String, ColumnType> columnMetadata(List<String> indices) throws SearchException {
    JsonNode mappings;
    try {
      mappings =
          send(
              "GET",
              "/"
                  + String.join(",", patterns(indices))
                  + "/_mapping?ignore_unavailable=true&allow_no_indices=true",
              null,
              "read the mappings");
    } catch (IOException e) {
      throw new SearchException("cannot read the mappings: " + e.getMessage(), e);
    }
    Map<String, ColumnType> columns = new TreeMap<>();
    Iterator<JsonNode> each = mappings.elements();
    while (each.hasNext()) {
      flatten(each.next().path("mappings").path("properties"), "", columns);
    }
    return columns;
  }

  private static void flatten(JsonNode properties, String prefix, Map<String, ColumnType> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = prefix + field.getKey();
      JsonNode def = field.getValue();
      if (def.has("properties")) {
        flatten(def.path("properties"), name + ".", out);
        continue;
      }
      String type = def.path("type").asText("object");
      if (type.equals("object")) {
        continue; // kept in the source only, as the Lucene store does
      }
      ColumnType column =
          switch (type) {
            case "keyword" -> ColumnType.KEYWORD;
            case "text" -> ColumnType.TEXT;
            case "ip" -> ColumnType.IP;
            case "integer", "short", "byte" -> ColumnType.INTEGER;
            case "long" -> ColumnType.LONG;
            case "date" -> ColumnType.DATE;
            case "float", "half_float" -> ColumnType.FLOAT;
            case "double", "scaled_float" -> ColumnType.DOUBLE;
            case "boolean" -> ColumnType.BOOLEAN;
            case "nested" -> ColumnType.NESTED;
            case "geo_point" -> ColumnType.GEO_POINT;
            default -> ColumnType.OTHER;
          };
      out.merge(name, column, (a, b) -> a == b ? a : ColumnType.OTHER);
    }
  }

  /** The query clause: the parsed query, the filters and the time range. */
  private static ObjectNode query(String text, List<String> filters, Long fromTime, Long toTime)
      throws SearchException {
    ObjectNode bool = JSON.objectNode();
    ObjectNode inner = bool.putObject("bool");
    inner.putArray("must").add(queryString(text));
    ArrayNode filter = inner.putArray("filter");
    for (String f : filters) {
      filter.add(queryString(f));
    }
    if (fromTime != null || toTime != null) {
      ObjectNode range = filter.addObject().putObject("range").putObject(MessageFields.TIMESTAMP);
      if (fromTime != null) {
        range.put("gte", fromTime);
      }
      if (toTime != null) {
        range.put("lt", toTime);
      }
    }
    return bool;
  }

  private static ObjectNode queryString(String text) throws SearchException {
    String trimmed = text.trim();
    ObjectNode node = JSON.objectNode();
    if (trimmed.isEmpty() || trimmed.equals("*") || trimmed.equals("*:*")) {
      node.putObject("match_all");
      return node;
    }
    checkSyntax(trimmed);
    ObjectNode qs = node.putObject("query_string");
    qs.put("query", trimmed);
    qs.put("default_field", MessageFields.ORIGINAL_STRING);
    qs.put("allow_leading_wildcard", true);
    return node;
  }

  /** Syntax errors are found here, so both stores word them the same way. */
  private static void checkSyntax(String text) throws SearchException {
    try {
      QueryParser parser = new QueryParser(MessageFields.ORIGINAL_STRING, new StandardAnalyzer());
      parser.setAllowLeadingWildcard(true);
      parser.parse(text);
    } catch (ParseException | RuntimeException e) {
      String message = e.getMessage() == null ? "malformed" : e.getMessage();
      int nl = message.indexOf('\n');
      throw new SearchException(
          "invalid query '" + text + "': " + (nl < 0 ? message : message.substring(0, nl)), e);
    }
  }

  private ArrayNode sort(List<SearchRequest.SortField> sort) throws SearchException {
    ArrayNode out = JSON.arrayNode();
    for (SearchRequest.SortField s : sort) {
      String field = s.field().replace(':', '.');
      String type = mappedType(field);
      if (type == null || type.equals("text") || type.equals("geo_point")) {
        continue; // as the Lucene store: an unsortable or unknown field does not sort
      }
      ObjectNode spec = out.addObject().putObject(field);
      spec.put("order", s.ascending() ? "asc" : "desc");
      spec.put("missing", "_last");
      spec.put("mode", s.ascending() ? "min" : "max");
      // Indices without the field must sort it as the same type, or missing values misplace.
      spec.put("unmapped_type", type);
    }
    ObjectNode newest = out.addObject().putObject(MessageFields.TIMESTAMP);
    newest.put("order", "desc");
    newest.put("unmapped_type", "long");
    return out;
  }

  /** The mapping type of {@code field} in Metron's indices, or null when none maps it. */
  private String mappedType(String field) throws SearchException {
    String known = fieldTypes.get(field);
    if (known != null) {
      return known;
    }
    JsonNode mappings;
    try {
      mappings =
          send(
              "GET",
              "/"
                  + IndexTemplate.PATTERN
                  + "/_mapping/field/"
                  + encode(field)
                  + "?ignore_unavailable=true&allow_no_indices=true",
              null,
              "read a field mapping");
    } catch (IOException e) {
      throw new SearchException("cannot read the mapping of " + field + ": " + e.getMessage(), e);
    }
    Iterator<JsonNode> indices = mappings.elements();
    while (indices.hasNext()) {
      JsonNode def = indices.next().path("mappings").path(field).path("mapping");
      Iterator<JsonNode> leaf = def.elements();
      if (leaf.hasNext()) {
        String type = leaf.next().path("type").asText(null);
        if (type != null) {
          // Types never change once an index has them, so the answer can be kept.
          fieldTypes.put(field, type);
          return type;
        }
      }
    }
    return null;
  }

  private JsonNode searchRequest(List<String> indices, ObjectNode body, String queryText)
      throws SearchException {
    String path =
        "/"
            + String.join(",", patterns(indices))
            + "/_search?ignore_unavailable=true&allow_no_indices=true";
    try (Response response =
        client.execute(
            Requests.create(
                "POST",
                path,
                List.of(),
                Map.of(),
                Body.from(MessageCodec.JSON.writeValueAsBytes(body), JSON_TYPE)))) {
      JsonNode json = read(response);
      if (response.getStatus() >= 400) {
        throw new SearchException("invalid query '" + queryText + "': " + reason(json));
      }
      return json;
    } catch (IOException e) {
      throw new SearchException("cannot search OpenSearch: " + e.getMessage(), e);
    }
  }

  /** Index patterns for sensors, index names or prefixes; all Metron indices when empty. */
  private static List<String> patterns(List<String> indices) {
    if (indices.isEmpty()) {
      return List.of(IndexTemplate.PATTERN);
    }
    Set<String> patterns = new LinkedHashSet<>();
    for (String w : indices) {
      String lower = w.toLowerCase(Locale.ROOT);
      if (lower.contains(IndexNames.INFIX) || lower.endsWith("*")) {
        patterns.add(encode(lower.endsWith("*") ? lower : lower + "*"));
      } else {
        patterns.add(encode(IndexNames.sensorPart(lower) + IndexNames.INFIX + "*"));
      }
    }
    return List.copyOf(patterns);
  }

  private static Message source(JsonNode hit) throws SearchException {
    try {
      return MessageCodec.read(MessageCodec.JSON.writeValueAsBytes(hit.path("_source")));
    } catch (IOException | MessageFormatException e) {
      throw new SearchException("OpenSearch returned a document that is not a message", e);
    }
  }

  private static String key(JsonNode bucket) {
    JsonNode asString = bucket.get("key_as_string");
    return asString != null ? asString.asText() : bucket.path("key").asText();
  }

  private static Map<String, Object> project(Message message, List<String> fields) {
    if (fields.isEmpty()) {
      return message.fields();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String field : fields) {
      Object value = message.get(field);
      if (value != null) {
        out.put(field, value);
      }
    }
    return out;
  }

  private JsonNode send(String method, String path, JsonNode body, String what) throws IOException {
    return sendBytes(
        method, path, body == null ? null : MessageCodec.JSON.writeValueAsBytes(body), JSON_TYPE);
  }

  private JsonNode sendBytes(String method, String path, byte[] body, String contentType)
      throws IOException {
    try (Response response =
        client.execute(
            Requests.create(
                method,
                path,
                List.of(),
                Map.of(),
                body == null ? null : Body.from(body, contentType)))) {
      JsonNode json = read(response);
      if (response.getStatus() >= 400) {
        throw new IOException(
            method + " " + path + " failed (" + response.getStatus() + "): " + reason(json));
      }
      return json;
    }
  }

  private static JsonNode read(Response response) throws IOException {
    Optional<Body> body = response.getBody();
    if (body.isEmpty()) {
      return JSON.objectNode();
    }
    try (Body b = body.get()) {
      byte[] bytes = b.bodyAsBytes();
      return bytes.length == 0 ? JSON.objectNode() : MessageCodec.JSON.readTree(bytes);
    }
  }

  private static String reason(JsonNode json) {
    JsonNode error = json.path("error");
    JsonNode root = error.path("root_cause").path(0);
    String reason = root.path("reason").asText(error.path("reason").asText(json.toString()));
    JsonNode caused = error.path("caused_by");
    if (caused.has("reason") && !caused.path("reason").asText().equals(reason)) {
      reason = reason + ": " + caused.path("reason").asText();
    }
    return reason;
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("%2A", "*").replace("%2C", ",");
  }

  @Override
  public void close() throws IOException {
    try {
      transport.close();
    } catch (Exception e) {
      throw new IOException("cannot close the OpenSearch client: " + e.getMessage(), e);
    }
  }
}
