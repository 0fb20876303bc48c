package io.metron.core.message;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds Metron's error message: what replaces an input that a stage could not handle, so that the
 * input is indexed (under {@code source.type: error}) instead of lost.
 *
 * <p>Fields follow Metron's {@code MetronError}: {@code guid}, {@code source.type}, {@code
 * error_type}, {@code failed_sensor_type}, {@code message}, {@code exception} and {@code stack}
 * when there was a throwable, {@code timestamp}, {@code hostname}, {@code raw_message} (or {@code
 * raw_message_0..N}), {@code error_hash} (SHA-256 hex of the raw input), {@code error_fields} for
 * validation failures, and any metadata fields.
 *
 * <p>One difference, so that no byte is lost: Metron decoded raw bytes as UTF-8 whatever they were.
 * Bytes that are valid UTF-8 are written the same way here; bytes that are not are written as
 * base64 with {@code raw_message_encoding: base64}.
 */
public final class ErrorMessage {
  private ErrorType type = ErrorType.DEFAULT;
  private final List<String> sensorTypes = new ArrayList<>();
  private String message;
  private Throwable throwable;
  private final List<Object> rawInputs = new ArrayList<>();
  private final List<String> errorFields = new ArrayList<>();
  private final Map<String, Object> metadata = new LinkedHashMap<>();
  private String guid;

  private ErrorMessage() {}

  public static ErrorMessage of(ErrorType type) {
    ErrorMessage error = new ErrorMessage();
    error.type = type;
    return error;
  }

  public ErrorMessage sensor(String sensorType) {
    if (sensorType != null) {
      sensorTypes.add(sensorType);
    }
    return this;
  }

  public ErrorMessage message(String message) {
    this.message = message;
    return this;
  }

  public ErrorMessage cause(Throwable throwable) {
    this.throwable = throwable;
    return this;
  }

  /** The raw input as received. May be called more than once for several inputs. */
  public ErrorMessage raw(byte[] bytes) {
    if (bytes != null) {
      rawInputs.add(bytes);
    }
    return this;
  }

  /** A message that was already parsed when it failed (enrichment, indexing). */
  public ErrorMessage raw(Message parsed) {
    if (parsed != null) {
      rawInputs.add(parsed);
    }
    return this;
  }

  /** The fields whose validation failed; their values make up the error hash. */
  public ErrorMessage errorFields(List<String> fields) {
    errorFields.addAll(fields);
    return this;
  }

  public ErrorMessage metadata(Map<String, ?> fields) {
    metadata.putAll(fields);
    return this;
  }

  /**
   * Fixes the error's guid. Callers that may replay the same input (after a crash) pass one derived
   * from the input's position, so the replayed error replaces the first rather than duplicating it.
   */
  public ErrorMessage guid(String guid) {
    this.guid = guid;
    return this;
  }

  public Message toMessage(long nowMillis, String hostname) {
    Message out = Message.empty();
    out.put(MessageFields.GUID, guid != null ? guid : UUID.randomUUID().toString());
    out.put(MessageFields.SOURCE_TYPE, MessageFields.ERROR_SOURCE_TYPE);
    out.put("error_type", type.value());
    if (sensorTypes.size() == 1) {
      out.put("failed_sensor_type", sensorTypes.getFirst());
    } else if (!sensorTypes.isEmpty()) {
      out.put("failed_sensor_type", List.copyOf(sensorTypes));
    }
    String text = message;
    if (throwable != null) {
      Throwable root = rootCause(throwable);
      if (text == null) {
        text = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
      }
      out.put("exception", root.getClass().getName() + ": " + root.getMessage());
      out.put("stack", stackTrace(throwable));
    }
    out.put("message", text);
    out.put(MessageFields.TIMESTAMP, nowMillis);
    out.put("hostname", hostname);
    writeRawInputs(out);
    if (!errorFields.isEmpty()) {
      out.put("error_fields", String.join(",", errorFields));
    }
    out.put("error_hash", errorHash());
    metadata.forEach(out::putIfAbsent);
    return out;
  }

  private void writeRawInputs(Message out) {
    boolean binary = false;
    for (int i = 0; i < rawInputs.size(); i++) {
      String key = rawInputs.size() == 1 ? "raw_message" : "raw_message_" + i;
      Object raw = rawInputs.get(i);
      if (raw instanceof byte[] bytes) {
        String text = utf8OrNull(bytes);
        if (text == null) {
          binary = true;
          text = Base64.getEncoder().encodeToString(bytes);
        }
        out.put(key, text);
      } else {
        out.put(key, MessageCodec.toJson((Message) raw));
      }
    }
    if (binary) {
      out.put("raw_message_encoding", "base64");
    }
  }

  private String errorHash() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
    if (!errorFields.isEmpty()
        && rawInputs.size() == 1
        && rawInputs.getFirst() instanceof Message m) {
      for (String field : errorFields) {
        sha.update(String.valueOf(m.get(field)).getBytes(StandardCharsets.UTF_8));
      }
    } else {
      for (Object raw : rawInputs) {
        sha.update(raw instanceof byte[] bytes ? bytes : MessageCodec.write((Message) raw));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String utf8OrNull(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static Throwable rootCause(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
