package io.metron.pipeline.parse.regex;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserOption;
import io.metron.pipeline.parse.ParserSettings;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import io.metron.pipeline.parse.grok.RegexBudget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Metron's {@code RegularExpressionsParser}: {@code recordTypeRegex} finds the record type, the
 * {@code messageHeaderRegex} (one or a list) and the {@code fields} regexes of that record type
 * fill fields from their named groups; {@code convertCamelCaseToUnderScore} turns {@code
 * deviceName} into {@code device_name}. {@code timestamp} is the time of parsing, as in Metron.
 */
public final class RegexParser implements TextParser {
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  public static final ParserType TYPE =
      new ParserType(
          "regex",
          List.of("org.apache.metron.parsers.regex.RegularExpressionsParser"),
          "Regular expressions with named groups, chosen per record type.",
          List.of(
              ParserOption.required(
                  "recordTypeRegex", "string", "Finds the record type (its match, or first group)"),
              ParserOption.optional(
                  "messageHeaderRegex",
                  "string or list",
                  null,
                  "Applied to every record; named groups become fields"),
              ParserOption.required(
                  "fields",
                  "list",
                  "[{\"recordType\": ..., \"regex\": string or list}], named groups become fields"),
              ParserOption.optional(
                  "convertCamelCaseToUnderScore",
                  "boolean",
                  "false",
                  "Rename camelCase group names to snake_case")),
          Map.of(
              "recordTypeRegex",
              "(?<process>(?<=\\s)\\b(sshd|cron)\\b(?=\\[|:))",
              "messageHeaderRegex",
              "^(?<deviceHost>\\S+) ",
              "convertCamelCaseToUnderScore",
              true,
              "fields",
              List.of(
                  Map.of(
                      "recordType", "sshd",
                      "regex", "Accepted (?<authMethod>\\w+) for (?<userName>\\w+)"))),
          "host9 sshd[42]: Accepted publickey for alice",
          settings -> TextParser.whole(settings.charset(), create(settings)));

  private record RecordType(String name, List<Pattern> patterns) {}

  private final Pattern recordType;
  private final List<Pattern> headers;
  private final List<RecordType> types;
  private final boolean snakeCase;
  private final Clock clock;

  private RegexParser(
      Pattern recordType,
      List<Pattern> headers,
      List<RecordType> types,
      boolean snakeCase,
      Clock clock) {
    this.recordType = recordType;
    this.headers = headers;
    this.types = types;
    this.snakeCase = snakeCase;
    this.clock = clock;
  }

  static RegexParser create(ParserSettings settings) throws ParserConfigException {
    Pattern type = compile(settings, "recordTypeRegex", settings.requiredString("recordTypeRegex"));
    List<Pattern> headers = new ArrayList<>();
    for (String header : settings.strings("messageHeaderRegex")) {
      headers.add(compile(settings, "messageHeaderRegex", header));
    }
    Object fields = settings.values().get("fields");
    if (!(fields instanceof List<?> list) || list.isEmpty()) {
      throw settings.problem("fields", "is required: a list of {recordType, regex}");
    }
    List<RecordType> types = new ArrayList<>();
    for (Object entry : list) {
      if (!(entry instanceof Map<?, ?> map)
          || map.get("recordType") == null
          || map.get("regex") == null) {
        throw settings.problem("fields", "each entry needs 'recordType' and 'regex'");
      }
      List<?> regexes = map.get("regex") instanceof List<?> l ? l : List.of(map.get("regex"));
      List<Pattern> patterns = new ArrayList<>();
      for (Object regex : regexes) {
        patterns.add(compile(settings, "fields", regex.toString()));
      }
      types.add(new RecordType(map.get("recordType").toString(), patterns));
    }
    return new RegexParser(
        type,
        List.copyOf(headers),
        List.copyOf(types),
        settings.bool("convertCamelCaseToUnderScore", false),
        settings.clock());
  }

  private static Pattern compile(ParserSettings settings, String key, String regex)
      throws ParserConfigException {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw settings.problem(key, "invalid regular expression: " + e.getDescription());
    }
  }

  /**
   * As Metron: the first header pattern found in the (trimmed) text gives its named groups; the
   * record type is the whole match of {@code recordTypeRegex}, looked up without regard to case,
   * and the first of its patterns that matches the WHOLE text gives its named groups (an unknown or
   * missing record type just gives fewer fields); then the record-type regex's own named groups.
   * Values are trimmed, blank header values dropped. {@code timestamp} is always the time of
   * parsing, as Metron set it.
   */
  @Override
  public Message parse(String text) throws BadInputException {
    String line = text.trim();
    try {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Pattern header : headers) {
        Matcher m = header.matcher(RegexBudget.of(line));
        if (RegexBudget.guard(m::find)) {
          for (String name : groupNames(header)) {
            String value = m.group(name);
            if (value != null && !value.isBlank()) {
              fields.put(name, value.trim());
            }
          }
          break;
        }
      }
      Matcher type = recordType.matcher(RegexBudget.of(line));
      if (RegexBudget.guard(type::find)) {
        String name = type.group().toLowerCase(Locale.ROOT);
        for (RecordType t : types) {
          if (t.name().toLowerCase(Locale.ROOT).equals(name)) {
            for (Pattern p : t.patterns()) {
              Matcher m = p.matcher(RegexBudget.of(line));
              if (RegexBudget.guard(m::matches)) {
                putGroups(m, p, fields);
                break;
              }
            }
            break;
          }
        }
        putGroups(type, recordType, fields);
      }
      Message message = Message.empty();
      fields.forEach((k, v) -> message.put(snakeCase && hasUpper(k) ? snake(k) : k, v));
      message.put(MessageFields.ORIGINAL_STRING, line);
      message.put(MessageFields.TIMESTAMP, clock.millis());
      return message;
    } catch (RegexBudget.ExceededException e) {
      throw new BadInputException("regex parser: " + e.getMessage());
    }
  }

  private static void putGroups(Matcher m, Pattern pattern, Map<String, Object> fields) {
    for (String name : groupNames(pattern)) {
      String value = m.group(name);
      if (value != null) {
        fields.put(name, value.trim());
      }
    }
  }

  private static List<String> groupNames(Pattern pattern) {
    List<String> names = new ArrayList<>();
    Matcher m = GROUP_NAME.matcher(pattern.pattern());
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static boolean hasUpper(String name) {
    return name.chars().anyMatch(Character::isUpperCase);
  }

  static String snake(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
