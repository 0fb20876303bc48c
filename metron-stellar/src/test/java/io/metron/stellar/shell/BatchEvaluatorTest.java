package io.metron.stellar.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchEvaluatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final BatchEvaluator batch =
      new BatchEvaluator(new StellarCompiler(FunctionRegistry.builtin()), StellarContext.empty());

  private JsonNode answer(String request) throws Exception {
    return JSON.readTree(batch.answer(request));
  }

  @Test
  void runEvaluatesWithVariablesAndReportsTheJavaType() throws Exception {
    JsonNode a = answer("{\"expr\": \"x + 1\", \"vars\": {\"x\": 41}}");
    assertThat(a.get("result").asInt()).isEqualTo(42);
    assertThat(a.get("type").asText()).isEqualTo("Integer");
    assertThat(answer("{\"expr\": \"x + 1L\", \"vars\": {\"x\": 1}}").get("type").asText())
        .isEqualTo("Long");
    assertThat(answer("{\"expr\": \"1.5f * 2\"}").get("type").asText()).isEqualTo("Float");
    assertThat(answer("{\"expr\": \"TO_UPPER(s)\", \"vars\": {\"s\": \"ab\"}}").toString())
        .isEqualTo("{\"result\":\"AB\",\"type\":\"String\"}");
    assertThat(answer("{\"expr\": \"[1, 'a']\"}").toString())
        .isEqualTo("{\"result\":[1,\"a\"],\"type\":\"LinkedList\"}");
    assertThat(answer("{\"expr\": \"{'k': null}\"}").get("result").toString())
        .isEqualTo("{\"k\":null}");
  }

  @Test
  void nullResultsHaveANullType() throws Exception {
    assertThat(answer("{\"expr\": \"missing\"}").toString())
        .isEqualTo("{\"result\":null,\"type\":null}");
    assertThat(answer("{\"expr\": \"\"}").toString()).isEqualTo("{\"result\":null,\"type\":null}");
  }

  @Test
  void runValidatesWithEveryVariableNullFirst() throws Exception {
    // evaluates fine with x = 2, but Metron's validation (x = null) divides by zero
    String request = "{\"expr\": \"10 / x\", \"vars\": {\"x\": 2}}";
    assertThat(answer(request).get("error").asText()).contains("division by zero");
    JsonNode evaluated = answer(request.replace("}}", "}, \"mode\": \"evaluate\"}"));
    assertThat(evaluated.get("result").asInt()).isEqualTo(5);
  }

  @Test
  void validateAnswersTrueOrFalse() throws Exception {
    assertThat(answer("{\"expr\": \"TO_UPPER(x)\", \"mode\": \"validate\"}").toString())
        .isEqualTo("{\"result\":true,\"type\":\"Boolean\"}");
    assertThat(answer("{\"expr\": \"1 / x\", \"mode\": \"validate\"}").get("result").asBoolean())
        .isFalse();
    assertThat(answer("{\"expr\": \"1 +\", \"mode\": \"validate\"}").get("result").asBoolean())
        .isFalse();
    assertThat(answer("{\"expr\": \"NOPE(1)\", \"mode\": \"validate\"}").get("result").asBoolean())
        .isFalse();
  }

  @Test
  void predicateModeFollowsMetronsPredicateProcessor() throws Exception {
    assertThat(answer("{\"expr\": \"\", \"mode\": \"predicate\"}").get("result").asBoolean())
        .isTrue();
    assertThat(
            answer("{\"expr\": \"x == 'a'\", \"mode\": \"predicate\", \"vars\": {\"x\": \"a\"}}")
                .get("result")
                .asBoolean())
        .isTrue();
    assertThat(answer("{\"expr\": \"x\", \"mode\": \"predicate\"}").get("result").asBoolean())
        .isFalse();
    assertThat(answer("{\"expr\": \"'str'\", \"mode\": \"predicate\"}").get("error").asText())
        .contains("does not return a boolean");
  }

  @Test
  void undefinedVariablesCanBeErrors() throws Exception {
    String base = "{\"expr\": \"y == null\", \"vars\": {\"x\": 1}";
    assertThat(answer(base + "}").get("result").asBoolean()).isTrue();
    assertThat(answer(base + ", \"undefined_vars\": \"null\"}").get("result").asBoolean()).isTrue();
    assertThat(answer(base + ", \"undefined_vars\": \"error\"}").get("error").asText())
        .isEqualTo("variable: y is not defined");
    assertThat(
            answer("{\"expr\": \"exists(y)\", \"undefined_vars\": \"error\", \"vars\": {}}")
                .get("result")
                .asBoolean())
        .isFalse();
    assertThat(
            answer("{\"expr\": \"x\", \"undefined_vars\": \"error\", \"vars\": {\"x\": null}}")
                .toString())
        .isEqualTo("{\"result\":null,\"type\":null}");
  }

  @Test
  void varTypesConvertValuesAtJsonPointers() throws Exception {
    assertThat(type("{\"expr\": \"x\", \"vars\": {\"x\": 1}, \"var_types\": {\"/x\": \"long\"}}"))
        .isEqualTo("Long");
    assertThat(type("{\"expr\": \"x\", \"vars\": {\"x\": 1}, \"var_types\": {\"/x\": \"float\"}}"))
        .isEqualTo("Float");
    assertThat(type("{\"expr\": \"x\", \"vars\": {\"x\": 1}, \"var_types\": {\"/x\": \"double\"}}"))
        .isEqualTo("Double");
    assertThat(type("{\"expr\": \"x\", \"vars\": {\"x\": 2.7}, \"var_types\": {\"/x\": \"int\"}}"))
        .isEqualTo("Integer");
    assertThat(
            answer(
                    "{\"expr\": \"x + y\", \"vars\": {\"x\": 1, \"y\": 2}, \"var_types\": {\"/x\":"
                        + " \"float\"}}")
                .toString())
        .isEqualTo("{\"result\":3.0,\"type\":\"Float\"}");
    JsonNode set =
        answer("{\"expr\": \"s\", \"vars\": {\"s\": [1, 1, 2]}, \"var_types\": {\"/s\": \"set\"}}");
    assertThat(set.get("type").asText()).isEqualTo("HashSet");
    assertThat(set.get("result").size()).isEqualTo(2);
    JsonNode nested =
        answer(
            "{\"expr\": \"MAP_GET('n', m) + GET(l, 1)\", \"vars\": {\"m\": {\"n\": 1}, \"l\": [0,"
                + " 2]}, \"var_types\": {\"/m/n\": \"long\", \"/l/1\": \"double\"}}");
    assertThat(nested.toString()).isEqualTo("{\"result\":3.0,\"type\":\"Double\"}");
    // a set whose elements are typed too: the element pointers apply before the set wraps them
    JsonNode typedSet =
        answer(
            "{\"expr\": \"MAX(s)\", \"mode\": \"evaluate\", \"vars\": {\"s\": [3, 9.5]},"
                + " \"var_types\": {\"/s\": \"set\", \"/s/0\": \"long\", \"/s/1\": \"float\"}}");
    assertThat(typedSet.toString()).isEqualTo("{\"result\":9.5,\"type\":\"Float\"}");
    assertThat(
            type("{\"expr\": \"x\", \"vars\": {\"x\": \"12\"}, \"var_types\": {\"/x\": \"long\"}}"))
        .isEqualTo("Long");
  }

  @Test
  void badVarTypesAreErrors() throws Exception {
    assertThat(error("{\"expr\": \"x\", \"vars\": {\"x\": 1}, \"var_types\": {\"/x\": \"short\"}}"))
        .contains("unknown type \"short\"");
    assertThat(error("{\"expr\": \"x\", \"vars\": {\"x\": 1}, \"var_types\": {\"/y\": \"int\"}}"))
        .contains("does not point into vars");
    assertThat(
            error("{\"expr\": \"x\", \"vars\": {\"x\": \"a\"}, \"var_types\": {\"/x\": \"int\"}}"))
        .contains("is not a number");
    assertThat(error("{\"expr\": \"x\", \"vars\": {\"x\": 1}, \"var_types\": {\"/x\": \"set\"}}"))
        .contains("only an array can become a set");
    assertThat(error("{\"expr\": \"x\", \"vars\": {\"x\": 1}, \"var_types\": [\"/x\"]}"))
        .contains("\"var_types\" must be a JSON object");
  }

  @Test
  void specialFloatsTravelAsSpecialObjects() throws Exception {
    assertThat(answer("{\"expr\": \"NaN\"}").toString())
        .isEqualTo("{\"result\":{\"$special\":\"NaN\"},\"type\":\"Double\"}");
    assertThat(answer("{\"expr\": \"1.0 / 0\"}").get("result").toString())
        .isEqualTo("{\"$special\":\"Infinity\"}");
    assertThat(answer("{\"expr\": \"-1.0f / 0\"}").toString())
        .isEqualTo("{\"result\":{\"$special\":\"-Infinity\"},\"type\":\"Float\"}");
    assertThat(answer("{\"expr\": \"[NaN, 1.0]\"}").get("result").toString())
        .isEqualTo("[{\"$special\":\"NaN\"},1.0]");
    assertThat(
            answer("{\"expr\": \"IS_NAN(x)\", \"vars\": {\"x\": {\"$special\": \"NaN\"}}}")
                .get("result")
                .asBoolean())
        .isTrue();
    assertThat(
            answer("{\"expr\": \"x > 1\", \"vars\": {\"x\": {\"$special\": \"Infinity\"}}}")
                .get("result")
                .asBoolean())
        .isTrue();
    assertThat(error("{\"expr\": \"x\", \"vars\": {\"x\": {\"$special\": \"Huge\"}}}"))
        .contains("unknown $special");
  }

  @Test
  void badLinesYieldErrorLinesNotCrashes() throws Exception {
    assertThat(error("not json")).contains("invalid JSON request");
    assertThat(error("[1, 2]")).contains("must be a JSON object");
    assertThat(error("{}")).contains("no \"expr\"");
    assertThat(error("{\"expr\": 5}")).contains("no \"expr\"");
    assertThat(error("{\"expr\": \"1\", \"mode\": \"fly\"}")).contains("unknown mode \"fly\"");
    assertThat(error("{\"expr\": \"1\", \"undefined_vars\": \"maybe\"}"))
        .contains("\"undefined_vars\" must be");
    assertThat(error("{\"expr\": \"1\", \"vars\": [1]}"))
        .contains("\"vars\" must be a JSON object");
    assertThat(error("{\"expr\": \"1 +\"}")).contains("syntax error at line 1");
    assertThat(error("{\"expr\": \"UNKNOWN_FN()\"}"))
        .contains("Unable to resolve function named 'UNKNOWN_FN'");
    assertThat(error("")).contains("empty line");
    assertThat(error("{\"expr\": \"" + "(".repeat(3000) + "\"}")).contains("nested too deeply");
  }

  @Test
  void streamsOneAnswerPerLineInOrder() throws Exception {
    String in =
        String.join(
            "\n",
            "{\"expr\": \"1 + 1\"}",
            "garbage",
            "",
            "{\"expr\": \"'a' in ['a']\", \"mode\": \"predicate\"}");
    StringWriter out = new StringWriter();
    long n = batch.run(new StringReader(in + "\n"), out);
    List<String> lines = out.toString().lines().toList();
    assertThat(n).isEqualTo(4);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("{\"result\":2,\"type\":\"Integer\"}");
    assertThat(lines.get(1)).startsWith("{\"error\":");
    assertThat(lines.get(2)).startsWith("{\"error\":");
    assertThat(lines.get(3)).isEqualTo("{\"result\":true,\"type\":\"Boolean\"}");
  }

  private String type(String request) throws Exception {
    JsonNode a = answer(request);
    assertThat(a.has("error")).as(a.toString()).isFalse();
    return a.get("type").asText();
  }

  private String error(String request) throws Exception {
    JsonNode a = answer(request);
    assertThat(a.has("error")).as(a.toString()).isTrue();
    assertThat(a.size()).isEqualTo(1);
    return a.get("error").asText();
  }
}
