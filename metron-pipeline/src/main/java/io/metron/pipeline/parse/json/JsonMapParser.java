package io.metron.pipeline.parse.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParseResult;
import io.metron.pipeline.parse.Parser;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserOption;
import io.metron.pipeline.parse.ParserSettings;
import io.metron.pipeline.parse.ParserType;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metron's {@code JSONMapParser}: a JSON object becomes a message; nested objects are handled by
 * {@code mapStrategy}; with {@code jsonpQuery} each selected object becomes a message; with {@code
 * wrapInEntityArray} the input (a comma-separated run of objects) is first wrapped as {@code
 * {"messages": [...]}}. A message without {@code timestamp} gets the current time.
 */
public final class JsonMapParser implements Parser {
  /** What happens to a nested object. */
  enum MapStrategy {
    DROP,
    UNFOLD,
    ALLOW,
    ERROR
  }

  public static final ParserType TYPE =
      new ParserType(
          "jsonMap",
          List.of("org.apache.metron.parsers.json.JSONMapParser"),
          "Generic JSON: one object per message, or the objects a JsonPath query selects.",
          List.of(
              ParserOption.optional(
                  "mapStrategy",
                  "string",
                  "DROP",
                  "Nested objects: DROP them, UNFOLD them into dotted fields, ALLOW them as they"
                      + " are, or ERROR."),
              ParserOption.optional(
                  "jsonpQuery",
                  "string",
                  null,
                  "JsonPath selecting the objects to emit, e.g. $.messages[*] (supported: $, .name,"
                      + " ['name'], .*, [*], [n], ..name)."),
              ParserOption.optional(
                  "wrapInEntityArray",
                  "boolean",
                  "false",
                  "With jsonpQuery: wrap the input as {\"<wrapEntityName>\": [input]} first, for"
                      + " inputs that are comma-separated objects."),
              ParserOption.optional(
                  "wrapEntityName", "string", "messages", "The wrapping field's name."),
              ParserOption.optional(
                  "overrideOriginalString",
                  "boolean",
                  "false",
                  "Set original_string to each selected object's own JSON rather than the input.")),
          Map.of("mapStrategy", "UNFOLD"),
          "{\"name\":\"example\",\"count\":3,\"detail\":{\"level\":\"high\"}}",
          JsonMapParser::create);

  private final MapStrategy mapStrategy;
  private final JsonPath query;
  private final boolean wrap;
  private final String wrapEntityName;
  private final boolean overrideOriginalString;
  private final Charset charset;
  private final Clock clock;

  private JsonMapParser(
      MapStrategy mapStrategy,
      JsonPath query,
      boolean wrap,
      String wrapEntityName,
      boolean overrideOriginalString,
      Charset charset,
      Clock clock) {
    this.mapStrategy = mapStrategy;
    this.query = query;
    this.wrap = wrap;
    this.wrapEntityName = wrapEntityName;
    this.overrideOriginalString = overrideOriginalString;
    this.charset = charset;
    this.clock = clock;
  }

  static JsonMapParser create(ParserSettings settings) throws ParserConfigException {
    MapStrategy mapStrategy = settings.choice("mapStrategy", MapStrategy.class, MapStrategy.DROP);
    String queryText = settings.string("jsonpQuery");
    JsonPath query = null;
    if (queryText != null && !queryText.isBlank()) {
      try {
        query = JsonPath.compile(queryText);
      } catch (IllegalArgumentException e) {
        throw settings.problem("jsonpQuery", "invalid JsonPath: " + e.getMessage());
      }
    }
    return new JsonMapParser(
        mapStrategy,
        query,
        query != null && settings.bool("wrapInEntityArray", false),
        settings.string("wrapEntityName", "messages"),
        settings.bool("overrideOriginalString", false),
        settings.charset(),
        settings.clock());
  }

  @Override
  public ParseResult parse(byte[] raw) {
    try {
      List<Map<String, Object>> records = new ArrayList<>();
      if (query == null) {
        records.add(MessageCodec.read(raw).fields());
      } else {
        String text = new String(raw, charset);
        if (wrap) {
          String body = text.strip();
          if (body.endsWith(",")) {
            body = body.substring(0, body.length() - 1);
          }
          if (body.isBlank()) {
            throw new BadInputException("no JSON record in the input");
          }
          text = "{\"" + wrapEntityName + "\": [" + body + "]}";
        }
        Object root = read(text);
        List<Object> selected = query.select(root);
        if (selected.size() == 1 && selected.getFirst() instanceof List<?> list) {
          selected = new ArrayList<>(list);
        }
        for (Object node : selected) {
          if (!(node instanceof Map<?, ?> map)) {
            throw new BadInputException(
                "jsonpQuery " + query + " selected a value that is not an object: " + node);
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> record = (Map<String, Object>) map;
          records.add(record);
        }
      }
      List<Message> messages = new ArrayList<>(records.size());
      for (Map<String, Object> record : records) {
        Message message = normalise(record);
        if (overrideOriginalString) {
          message.put(MessageFields.ORIGINAL_STRING, MessageCodec.JSON.writeValueAsString(record));
        }
        if (!message.has(MessageFields.TIMESTAMP)) {
          message.put(MessageFields.TIMESTAMP, clock.millis());
        }
        messages.add(message);
      }
      return ParseResult.of(messages);
    } catch (io.metron.core.message.MessageFormatException e) {
      return ParseResult.error(e.getMessage());
    } catch (BadInputException e) {
      return ParseResult.error(e);
    } catch (JsonProcessingException e) {
      return ParseResult.error("cannot write JSON: " + e.getOriginalMessage());
    }
  }

  private static Object read(String text) throws BadInputException {
    try {
      return MessageCodec.JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new BadInputException(
          "malformed JSON"
              + (at == null ? "" : " at column " + at.getColumnNr())
              + ": "
              + brief(e.getOriginalMessage()));
    }
  }

  /** Jackson's message without its note on where the enclosing object started. */
  private static String brief(String message) {
    int at = message.indexOf(" (for ");
    return at > 0 ? message.substring(0, at) : message;
  }

  private Message normalise(Map<String, Object> record) throws BadInputException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : record.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> nested) {
        switch (mapStrategy) {
          case DROP -> {}
          case UNFOLD -> Flattening.unfold(e.getKey(), nested, out);
          case ALLOW -> out.put(e.getKey(), nested);
          case ERROR ->
              throw new BadInputException(
                  "field '" + e.getKey() + "' is an object, which mapStrategy ERROR rejects");
        }
      } else if (e.getValue() != null) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return Message.of(out);
  }
}
