package io.metron.core.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;

/**
 * Converts messages to and from JSON.
 *
 * <p>Integers are read as {@code Long} and decimals as {@code Double}, the types Metron's
 * json-simple produced; Stellar rules compare and compute on those types, so keeping them keeps
 * users' rules giving the same answers. Thread-safe.
 */
public final class MessageCodec {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  /** The one configured mapper, shared because mappers are thread-safe and costly to build. */
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private MessageCodec() {}

  /** Reads a JSON object; anything else (a list, a number, broken JSON) is reported, not thrown. */
  public static Message read(byte[] json) throws MessageFormatException {
    if (json == null || json.length == 0) {
      throw new MessageFormatException("empty message: expected a JSON object");
    }
    int first = firstNonBlank(json);
    if (first < 0 || json[first] != '{') {
      throw new MessageFormatException("not a JSON object: a message must start with '{'");
    }
    try {
      LinkedHashMap<String, Object> fields = JSON.readValue(json, MAP);
      return Message.wrap(fields);
    } catch (JsonProcessingException e) {
      throw new MessageFormatException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MessageFormatException("unreadable JSON: " + e.getMessage(), e);
    }
  }

  public static byte[] write(Message message) {
    try {
      return JSON.writeValueAsBytes(message.fields());
    } catch (JsonProcessingException e) {
      // Only reachable with a value Jackson cannot serialise, i.e. a programming error in a stage.
      throw new UncheckedIOException(e);
    }
  }

  public static String toJson(Message message) {
    try {
      return JSON.writeValueAsString(message.fields());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int firstNonBlank(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return i;
      }
    }
    return -1;
  }
}
