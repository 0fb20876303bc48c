package io.metron.streams.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The events of one HEC {@code /services/collector/event} request: JSON envelopes, one after
 * another ({@code {"event": ...}{"event": ...}}), each with {@code event} and optionally {@code
 * time}, {@code host}, {@code source}, {@code sourcetype}, {@code index} and {@code fields}.
 *
 * <p>The event written to Kafka is the {@code event} value: a string's characters, or for an object
 * or array its exact bytes as sent (not re-serialised). The envelope's other keys become the record
 * key, a flat JSON object ({@code fields} merged in), which Metron's parsers read as metadata when
 * {@code readMetadata} is on.
 *
 * <p>A request is all or nothing: {@link #parse} reads every envelope before anything is sent, and
 * one bad envelope rejects the request with HEC's code and the failing event's number.
 *
 * @param events the events, in order
 */
public record HecBatch(List<Event> events) {
  private static final JsonFactory JSON = new JsonFactory();
  // Decimals as BigDecimal, so "time": 1714557600.123 is passed on as written, not as 1.7E9.
  private static final ObjectMapper MAPPER =
      new ObjectMapper(JSON)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final List<String> METADATA = List.of("time", "host", "source", "sourcetype");

  /**
   * One event.
   *
   * @param index the {@code index} asked for, or null for the token's default sensor
   * @param key the metadata record key (flat JSON), or null when there is none
   * @param value the raw event
   */
  public record Event(String index, byte[] key, byte[] value) {}

  /** Why a request was refused: HEC's status, and for bad data the event's 0-based number. */
  public static final class Rejected extends Exception {
    private final HecStatus status;
    private final int eventNumber;

    public Rejected(HecStatus status, int eventNumber, String detail) {
      super(detail);
      this.status = status;
      this.eventNumber = eventNumber;
    }

    public HecStatus status() {
      return status;
    }

    /** The 0-based number of the failing event, or -1 when the request as a whole is wrong. */
    public int eventNumber() {
      return eventNumber;
    }
  }

  /**
   * Reads the envelopes of a request body.
   *
   * @param defaults metadata from the query string ({@code host}, {@code source}, {@code
   *     sourcetype}, {@code index}) that envelopes without their own take
   * @throws Rejected with {@link HecStatus#NO_DATA} for an empty body, {@link
   *     HecStatus#INVALID_DATA_FORMAT} for bad JSON or a non-object, {@link
   *     HecStatus#EVENT_REQUIRED}, {@link HecStatus#EVENT_BLANK} or {@link
   *     HecStatus#INDEXED_FIELDS}
   */
  public static HecBatch parse(byte[] body, Map<String, String> defaults) throws Rejected {
    List<Event> events = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken token;
      while (true) {
        int number = events.size();
        try {
          token = p.nextToken();
        } catch (JsonProcessingException e) {
          throw new Rejected(HecStatus.INVALID_DATA_FORMAT, number, reason(e));
        }
        if (token == null) {
          break;
        }
        if (token != JsonToken.START_OBJECT) {
          throw new Rejected(
              HecStatus.INVALID_DATA_FORMAT, number, "event " + number + " is not a JSON object");
        }
        try {
          events.add(envelope(p, body, number, defaults));
        } catch (JsonProcessingException e) {
          throw new Rejected(HecStatus.INVALID_DATA_FORMAT, number, reason(e));
        }
      }
    } catch (IOException e) {
      throw new Rejected(HecStatus.INVALID_DATA_FORMAT, events.size(), e.getMessage());
    }
    if (events.isEmpty()) {
      throw new Rejected(HecStatus.NO_DATA, -1, "the request has no events");
    }
    return new HecBatch(List.copyOf(events));
  }

  private static Event envelope(JsonParser p, byte[] body, int number, Map<String, String> defaults)
      throws IOException, Rejected {
    byte[] value = null;
    boolean sawEvent = false;
    ObjectNode key = MAPPER.createObjectNode();
    for (String name : METADATA) {
      String fallback = defaults.get(name);
      if (fallback != null) {
        key.put(name, fallback);
      }
    }
    String index = defaults.get("index");
    JsonNode fields = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "event" -> {
          sawEvent = true;
          value = eventValue(p, v, body, number);
        }
        case "index" -> {
          JsonNode node = p.readValueAsTree();
          if (!node.isTextual()) {
            throw new Rejected(
                HecStatus.INVALID_DATA_FORMAT, number, "event " + number + ": index is not text");
          }
          index = node.asText();
        }
        case "fields" -> {
          fields = MAPPER.readTree(p);
          if (!fields.isObject() || !flat(fields)) {
            throw new Rejected(
                HecStatus.INDEXED_FIELDS,
                number,
                "event " + number + ": fields must be an object of strings or lists of strings");
          }
        }
        default -> {
          if (METADATA.contains(name)) {
            key.set(name, MAPPER.readTree(p));
          } else {
            p.skipChildren();
          }
        }
      }
    }
    if (!sawEvent || value == null) {
      throw new Rejected(
          HecStatus.EVENT_REQUIRED, number, "event " + number + " has no event field");
    }
    if (index != null) {
      key.put("index", index);
    }
    if (fields != null) {
      fields.properties().forEach(f -> key.set(f.getKey(), f.getValue()));
    }
    byte[] keyBytes = key.isEmpty() ? null : MAPPER.writeValueAsBytes(key);
    return new Event(index, keyBytes, value);
  }

  private static byte[] eventValue(JsonParser p, JsonToken v, byte[] body, int number)
      throws IOException, Rejected {
    return switch (v) {
      case VALUE_STRING -> {
        String text = p.getText();
        if (text.isBlank()) {
          throw new Rejected(HecStatus.EVENT_BLANK, number, "event " + number + " is blank");
        }
        yield text.getBytes(StandardCharsets.UTF_8);
      }
      case START_OBJECT, START_ARRAY -> {
        int start = (int) p.currentTokenLocation().getByteOffset();
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          throw new Rejected(HecStatus.EVENT_BLANK, number, "event " + number + " is empty");
        }
        while (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
          if (t == null) {
            throw new Rejected(
                HecStatus.INVALID_DATA_FORMAT, number, "event " + number + " is cut short");
          }
          if (t.isStructStart()) {
            p.skipChildren();
          }
          t = p.nextToken();
        }
        int end = (int) p.currentLocation().getByteOffset();
        yield Arrays.copyOfRange(body, start, end);
      }
      case VALUE_NULL -> null;
      default -> p.getText().getBytes(StandardCharsets.UTF_8);
    };
  }

  private static boolean flat(JsonNode fields) {
    for (JsonNode value : fields) {
      if (value.isObject()) {
        return false;
      }
      if (value.isArray()) {
        for (JsonNode item : value) {
          if (item.isContainerNode()) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static String reason(JsonProcessingException e) {
    return e.getOriginalMessage()
        + (e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset());
  }
}
