package io.metron.pipeline.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.metron.core.message.MessageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Metron's extractor config, the {@code -e} file of {@code flatfile_loader.sh}: {@code
 * {"extractor": "CSV" | "STIX", "config": {...}, "inputFormat": "BY_LINE" | "WHOLE_FILE"}}.
 *
 * @param extractor {@code CSV} or {@code STIX} (Metron's class names for them are accepted too)
 * @param config the extractor's settings ({@code columns}, {@code indicator_column}, {@code type},
 *     {@code separator}, transforms and filters, ...)
 * @param wholeFile whether each input file is one unit (STIX documents) rather than one per line
 */
public record ExtractorConfig(String extractor, Map<String, Object> config, boolean wholeFile) {
  private static final Set<String> KEYS = Set.of("extractor", "config", "inputFormat");

  /** Reads and checks an extractor config file. */
  public static ExtractorConfig read(Path file) throws LoadException {
    JsonNode json;
    try {
      json = MessageCodec.JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new LoadException(
          file
              + ": malformed JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new LoadException(file + ": cannot read the extractor config: " + e.getMessage(), e);
    }
    return parse(json, file.toString());
  }

  /** Checks an extractor config held as JSON; {@code name} names it in messages. */
  public static ExtractorConfig parse(JsonNode json, String name) throws LoadException {
    if (json == null || !json.isObject()) {
      throw new LoadException(name + ": an extractor config is a JSON object");
    }
    for (var it = json.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new LoadException(
            name + ": $." + key + ": unknown key; known: config, extractor, inputFormat");
      }
    }
    JsonNode extractor = json.get("extractor");
    if (extractor == null || !extractor.isTextual()) {
      throw new LoadException(name + ": $.extractor: required, \"CSV\" or \"STIX\"");
    }
    String type = extractor.asText();
    String kind =
        switch (type.toUpperCase(Locale.ROOT)) {
          case "CSV", "ORG.APACHE.METRON.DATALOADS.EXTRACTOR.CSV.CSVEXTRACTOR" -> "CSV";
          case "STIX", "ORG.APACHE.METRON.DATALOADS.EXTRACTOR.STIX.STIXEXTRACTOR" -> "STIX";
          default ->
              throw new LoadException(
                  name + ": $.extractor: unknown extractor '" + type + "'; known: CSV, STIX");
        };
    JsonNode config = json.get("config");
    if (config != null && !config.isObject()) {
      throw new LoadException(name + ": $.config: expected an object");
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    if (config != null) {
      settings.putAll(MessageCodec.JSON.convertValue(config, Map.class));
    }
    boolean wholeFile = "STIX".equals(kind);
    JsonNode format = json.get("inputFormat");
    if (format != null) {
      switch (format.asText().toUpperCase(Locale.ROOT)) {
        case "BY_LINE" -> wholeFile = false;
        case "WHOLE_FILE" -> wholeFile = true;
        default ->
            throw new LoadException(
                name + ": $.inputFormat: expected BY_LINE or WHOLE_FILE, got " + format);
      }
    }
    return new ExtractorConfig(kind, Collections.unmodifiableMap(settings), wholeFile);
  }
}
