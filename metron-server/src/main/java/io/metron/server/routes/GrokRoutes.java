package io.metron.server.routes;

import io.metron.core.message.Message;
import io.metron.pipeline.parse.grok.Grok;
import io.metron.pipeline.parse.grok.GrokException;
import io.metron.pipeline.parse.grok.GrokLibrary;
import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Endpoint;
import io.metron.server.api.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Metron's GrokController: try a Grok statement on a sample, list the common patterns, read a
 * built-in pattern file. Only the built-in sets under {@code /patterns/} are readable; the file
 * system is not.
 */
public final class GrokRoutes {
  private static final Pattern BUILT_IN = Pattern.compile("/patterns/[a-z0-9_]{1,40}");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]{1,100}");

  /**
   * Metron's {@code GrokValidation}.
   *
   * @param patternLabel the pattern to match, defined in {@code statement} or the common set
   *     (default: the statement's last definition)
   * @param statement pattern definitions, one {@code NAME definition} a line, or one expression
   * @param sampleData the text to match
   * @param results the captures; {@code {"error": ...}} when the statement does not match
   */
  public record GrokValidation(
      String patternLabel, String statement, String sampleData, Map<String, Object> results) {}

  private GrokRoutes() {}

  public static void declare(Routes routes) {
    routes
        .group("Grok")
        .post(
            "/grok/validate",
            Access.USER,
            "Applies a Grok statement to a sample message",
            GrokValidation.class,
            GrokValidation.class,
            call -> validate(call.body()))
        .get(
            "/grok/list",
            Access.USER,
            "Lists the common Grok statements available",
            Map.class,
            call -> GrokLibrary.read(GrokLibrary.COMMON))
        .get(
            "/grok/get/statement",
            Access.USER,
            "Retrieves a built-in Grok statement file (?path=/patterns/squid) as text",
            String.class,
            call -> {
              String text = builtIn(call.query("path"));
              call.ctx().contentType("text/plain; charset=utf-8").result(text);
              return Endpoint.HANDLED;
            });
  }

  static GrokValidation validate(GrokValidation body) {
    if (body.statement() == null || body.statement().isBlank()) {
      throw ApiException.badRequest("field 'statement' is required", "statement");
    }
    if (body.sampleData() == null) {
      throw ApiException.badRequest("field 'sampleData' is required", "sampleData");
    }
    Map<String, String> library;
    String label = body.patternLabel();
    try {
      library = new LinkedHashMap<>(GrokLibrary.read(GrokLibrary.COMMON));
    } catch (GrokException e) {
      throw new ApiException(500, "the common Grok patterns cannot be read");
    }
    String expression = null;
    String last = null;
    for (String line : body.statement().split("\r?\n")) {
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      int space = s.indexOf(' ');
      String name = space < 0 ? null : s.substring(0, space);
      if (name != null && LABEL.matcher(name).matches()) {
        library.put(name, s.substring(space + 1).strip());
        last = name;
      } else {
        expression = s;
      }
    }
    if (label != null && !label.isBlank()) {
      if (!library.containsKey(label)) {
        throw ApiException.badRequest(
            "the pattern label '" + label + "' is not defined in the statement", "patternLabel");
      }
      expression = "%{" + label + "}";
    } else if (expression == null) {
      expression = "%{" + last + "}";
    }
    Map<String, Object> results = new LinkedHashMap<>();
    try {
      Grok grok = Grok.compile(expression, library);
      Message m = grok.match(body.sampleData().strip());
      if (m == null || m.fields().isEmpty()) {
        results.put(
            "error",
            "the statement does not match the sample"
                + (grok.fields().isEmpty()
                    ? ""
                    : " (fields: " + String.join(", ", grok.fields()) + ")"));
      } else {
        results.putAll(m.fields());
      }
    } catch (GrokException e) {
      throw ApiException.badRequest(e.getMessage(), "statement");
    } catch (RuntimeException e) {
      throw ApiException.badRequest(
          "the statement cannot be matched: " + e.getMessage(), "statement");
    }
    return new GrokValidation(label, body.statement(), body.sampleData(), results);
  }

  private static String builtIn(String path) throws IOException {
    if (path == null || !BUILT_IN.matcher(path).matches()) {
      throw ApiException.badRequest(
          "give ?path= a built-in pattern file such as /patterns/common or /patterns/squid",
          "path");
    }
    try (InputStream in = GrokLibrary.class.getResourceAsStream(path)) {
      if (in == null) {
        throw ApiException.notFound("no built-in Grok pattern file " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
