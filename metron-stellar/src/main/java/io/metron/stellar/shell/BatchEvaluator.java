package io.metron.stellar.shell;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metron.stellar.CompiledExpression;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --batch} protocol: one JSON request per input line, one JSON answer per output line,
 * in order, flushed after each.
 *
 * <pre>
 * in:  {"expr": "...", "vars": {...}, "mode": "run"|"evaluate"|"predicate"|"validate",
 *       "undefined_vars": "error"|"null", "var_types": {"/json/pointer": "int"|"long"|"float"|"double"|"set"}}
 * out: {"result": json, "type": "SimpleClassName"}  or  {"error": "message"}
 * </pre>
 *
 * {@code run} (the default) validates first, as Metron's processors do (evaluating with every
 * variable null; any failure is an error), then evaluates; {@code evaluate} skips validation;
 * {@code predicate} evaluates as a boolean predicate; {@code validate} answers true or false. NaN
 * and the infinities travel as {@code {"$special": ...}}. A bad line yields an error line, never a
 * crash. Not thread-safe; one instance per stream.
 */
public final class BatchEvaluator {

  private final StellarCompiler compiler;
  private final StellarContext context;

  public BatchEvaluator(StellarCompiler compiler, StellarContext context) {
    this.compiler = compiler;
    this.context = context;
  }

  /** Answers every line of {@code in} on {@code out}; returns the number of lines answered. */
  public long run(Reader in, Writer out) throws IOException {
    BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
    long n = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      out.write(answer(line));
      out.write('\n');
      out.flush();
      n++;
    }
    return n;
  }

  /** The answer line (without newline) for one request line. */
  public String answer(String line) {
    ObjectNode out = ValueFormat.JSON.createObjectNode();
    try {
      Object result = evaluate(line);
      out.set("result", ValueFormat.toJson(result));
      if (result == null) {
        out.putNull("type");
      } else {
        out.put("type", result.getClass().getSimpleName());
      }
    } catch (StellarException | BadRequest e) {
      out = ValueFormat.JSON.createObjectNode();
      out.put("error", e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      out = ValueFormat.JSON.createObjectNode();
      out.put("error", "internal error: " + e);
    }
    try {
      return ValueFormat.JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      return "{\"error\":\"unable to write the result\"}";
    }
  }

  /** A request that does not follow the protocol. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  private Object evaluate(String line) throws BadRequest {
    if (line.isBlank()) {
      throw new BadRequest("empty line: expected a JSON request such as {\"expr\": \"1 + 1\"}");
    }
    JsonNode request;
    try {
      request = ValueFormat.JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadRequest("invalid JSON request: " + e.getOriginalMessage());
    }
    if (request == null || !request.isObject()) {
      throw new BadRequest("a request must be a JSON object with an \"expr\"");
    }
    JsonNode exprNode = request.get("expr");
    if (exprNode == null || !exprNode.isTextual()) {
      throw new BadRequest("the request has no \"expr\" string");
    }
    String mode = text(request, "mode", "run");
    String undefined = text(request, "undefined_vars", "null");
    if (!undefined.equals("null") && !undefined.equals("error")) {
      throw new BadRequest(
          "\"undefined_vars\" must be \"error\" or \"null\", was \"" + undefined + "\"");
    }
    JsonNode varsNode = request.get("vars");
    if (varsNode != null && !varsNode.isNull() && !varsNode.isObject()) {
      throw new BadRequest("\"vars\" must be a JSON object");
    }
    Map<String, Object> vars = new HashMap<>();
    if (varsNode != null && varsNode.isObject()) {
      applyTypes(varsNode, request.get("var_types"));
      Iterator<Map.Entry<String, JsonNode>> it = varsNode.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        vars.put(e.getKey(), convertTyped(e.getValue()));
      }
    }
    String expr = exprNode.asText();
    VariableResolver resolver =
        undefined.equals("error") ? strict(vars) : VariableResolver.of(vars);

    return switch (mode) {
      case "run" -> {
        CompiledExpression compiled = compiler.compile(expr);
        validate(compiled);
        yield compiled.evaluate(resolver, context);
      }
      case "evaluate" -> compiler.compile(expr).evaluate(resolver, context);
      case "predicate" -> compiler.compile(expr).evaluatePredicate(resolver, context);
      case "validate" -> {
        try {
          validate(compiler.compile(expr));
          yield true;
        } catch (StellarException e) {
          yield false;
        }
      }
      default ->
          throw new BadRequest(
              "unknown mode \"" + mode + "\": use run, evaluate, predicate or validate");
    };
  }

  /** Metron's validation: evaluate with every variable null; any failure invalidates. */
  private void validate(CompiledExpression compiled) {
    try {
      compiled.evaluate(VariableResolver.empty(), context);
    } catch (StellarException e) {
      throw new StellarException("invalid expression: " + e.getMessage(), e);
    }
  }

  private static VariableResolver strict(Map<String, Object> vars) {
    return new VariableResolver() {
      @Override
      public Object resolve(String name) {
        if (!vars.containsKey(name)) {
          if (VariableResolver.ALL_VARIABLES.equals(name)) {
            return vars;
          }
          throw new StellarException("variable: " + name + " is not defined");
        }
        return vars.get(name);
      }

      @Override
      public boolean exists(String name) {
        return vars.get(name) != null;
      }
    };
  }

  private static String text(JsonNode request, String field, String fallback) throws BadRequest {
    JsonNode n = request.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isTextual()) {
      throw new BadRequest("\"" + field + "\" must be a string");
    }
    return n.asText().toLowerCase(Locale.ROOT);
  }

  // Typed values are marked in the JSON tree as {"$typed": type, "value": node} before conversion.
  private static void applyTypes(JsonNode vars, JsonNode types) throws BadRequest {
    if (types == null || types.isNull()) {
      return;
    }
    if (!types.isObject()) {
      throw new BadRequest("\"var_types\" must be a JSON object of pointer to type");
    }
    // deepest pointers first: marking a parent first would hide its children from their pointers
    List<Map.Entry<String, JsonNode>> entries = new java.util.ArrayList<>(types.properties());
    entries.sort(
        java.util.Comparator.comparingLong(
                (Map.Entry<String, JsonNode> e) ->
                    e.getKey().chars().filter(ch -> ch == '/').count())
            .reversed());
    for (Map.Entry<String, JsonNode> e : entries) {
      String type = e.getValue().asText();
      if (!Set.of("int", "long", "float", "double", "set").contains(type)) {
        throw new BadRequest(
            "var_types: unknown type \""
                + type
                + "\" for "
                + e.getKey()
                + "; use int, long, float, double or set");
      }
      JsonPointer pointer;
      try {
        pointer = JsonPointer.compile(e.getKey());
      } catch (IllegalArgumentException bad) {
        throw new BadRequest("var_types: invalid JSON pointer \"" + e.getKey() + "\"");
      }
      if (pointer.matches()) {
        throw new BadRequest("var_types: the pointer must name a variable, e.g. \"/x\"");
      }
      JsonNode parent = vars.at(pointer.head());
      JsonNode target = vars.at(pointer);
      if (target.isMissingNode()) {
        throw new BadRequest("var_types: " + e.getKey() + " does not point into vars");
      }
      ObjectNode marker = ValueFormat.JSON.createObjectNode();
      marker.put("$typed", type);
      marker.set("value", target);
      String last = pointer.last().getMatchingProperty();
      if (parent.isObject()) {
        ((ObjectNode) parent).set(last, marker);
      } else if (parent.isArray()) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) parent)
            .set(pointer.last().getMatchingIndex(), marker);
      }
    }
  }

  private static Object convertTyped(JsonNode n) throws BadRequest {
    if (n.isObject() && n.size() == 2 && n.has("$typed") && n.has("value")) {
      String type = n.get("$typed").asText();
      Object value = convertTyped(n.get("value"));
      return convert(value, type);
    }
    if (n.isObject() && !(n.size() == 1 && n.has("$special"))) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), convertTyped(e.getValue()));
      }
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new java.util.ArrayList<>();
      for (JsonNode e : n) {
        l.add(convertTyped(e));
      }
      return l;
    }
    try {
      return ValueFormat.fromJson(n);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  private static Object convert(Object v, String type) throws BadRequest {
    if (v == null) {
      return null;
    }
    if (type.equals("set")) {
      if (v instanceof Collection<?> c) {
        return new HashSet<>(c);
      }
      throw new BadRequest("var_types: only an array can become a set, not " + v);
    }
    Number n;
    if (v instanceof Number num) {
      n = num;
    } else if (v instanceof String s) {
      try {
        n = s.trim().matches("-?\\d+") ? (Number) Long.parseLong(s.trim()) : Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new BadRequest("var_types: \"" + s + "\" is not a number");
      }
    } else {
      throw new BadRequest("var_types: cannot make a " + type + " of " + v);
    }
    return switch (type) {
      case "int" -> n.intValue();
      case "long" -> n.longValue();
      case "float" -> n.floatValue();
      default -> n.doubleValue();
    };
  }
}
