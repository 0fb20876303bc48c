package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** TO_JSON_OBJECT, TO_JSON_MAP and TO_JSON_LIST: parse JSON text into maps and lists. */
final class JsonFunctions {

  private JsonFunctions() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static Object parse(String text, String fn) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new StellarException(
          fn
              + ": invalid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    }
  }

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("TO_JSON_OBJECT")
                .param("str", "String", "JSON text")
                .returns("The parsed value: a map, a list, a string, a number, a boolean or null")
                .description("Parses JSON text.")
                .example("TO_JSON_OBJECT('{\"a\": [1, 2]}')", "{'a': [1, 2]}")
                .example("TO_JSON_OBJECT('[1, \"x\"]')", "[1, 'x']"),
            (a, c) -> {
              String s = Args.text(a, 0);
              return s == null ? null : parse(s, "TO_JSON_OBJECT");
            }));
    f.add(
        def(
            builder("TO_JSON_MAP")
                .param("str", "String", "JSON text holding an object")
                .returns("Map")
                .description("Parses a JSON object into a map.")
                .example("TO_JSON_MAP('{\"k\": \"v\"}')", "{'k': 'v'}"),
            (a, c) -> {
              String s = Args.text(a, 0);
              if (s == null) {
                return null;
              }
              Object v = parse(s, "TO_JSON_MAP");
              if (!(v instanceof Map<?, ?> m)) {
                throw new StellarException("TO_JSON_MAP: the JSON is not an object: " + s);
              }
              // Metron loads the top level into a HashMap
              return new java.util.HashMap<>(m);
            }));
    f.add(
        def(
            builder("TO_JSON_LIST")
                .param("str", "String", "JSON text holding an array")
                .returns("List")
                .description("Parses a JSON array into a list.")
                .example("TO_JSON_LIST('[1, 2.5, true]')", "[1, 2.5, true]"),
            (a, c) -> {
              String s = Args.text(a, 0);
              if (s == null) {
                return null;
              }
              Object v = parse(s, "TO_JSON_LIST");
              if (!(v instanceof List)) {
                throw new StellarException("TO_JSON_LIST: the JSON is not an array: " + s);
              }
              return v;
            }));
    f.add(
        def(
            builder("PARSE_JSON_STRING")
                .param("str", "String", "JSON text")
                .returns(
                    "The parsed value (a map, a list, a string, a number or a boolean); null for"
                        + " null, and the empty string for the empty string")
                .description("Parses JSON text, failing on text that is not JSON.")
                .example("PARSE_JSON_STRING('[\"a\", 2]')", "['a', 2]")
                .example("PARSE_JSON_STRING('')", "''"),
            (a, c) -> {
              String s = Args.string(a, 0, "PARSE_JSON_STRING");
              if (s == null || s.isEmpty()) {
                return s;
              }
              try {
                Object v = parse(s, "PARSE_JSON_STRING");
                return v instanceof Map<?, ?> m ? new java.util.HashMap<>(m) : v;
              } catch (StellarException e) {
                throw new StellarException(
                    "PARSE_JSON_STRING: Valid JSON string not supplied: " + e.getMessage());
              }
            }));
    return f;
  }
}
