package io.metron.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.metron.core.message.MessageCodec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The profiler's config ({@code profiler.json}): the profiles and where event time comes from. */
public record ProfilerConfig(List<Profile> profiles, String timestampField) {

  private static final Set<String> KEYS = Set.of("profiles", "timestampField");

  /**
   * One profile. {@code result} holds the {@code profile} expression and optional {@code triage}
   * expressions; Metron's string shorthand {@code "result": "expr"} reads as {@code {"profile":
   * "expr"}}.
   */
  public record Profile(
      String profile,
      String foreach,
      String onlyif,
      Map<String, Object> init,
      Map<String, Object> update,
      List<String> groupBy,
      String resultProfile,
      Map<String, Object> resultTriage,
      Long expires) {
    private static final Set<String> KEYS =
        Set.of("profile", "foreach", "onlyif", "init", "update", "groupBy", "result", "expires");

    static Profile read(ConfigNode node) {
      if (!node.requireObject("a profile")) {
        return null;
      }
      node.checkKeys(KEYS, Set.of());
      String resultProfile = null;
      Map<String, Object> triage = Map.of();
      ConfigNode result = node.child("result");
      if (result == null) {
        node.problem("result", "is required");
      } else if (result.json().isTextual()) {
        resultProfile = result.json().asText();
      } else if (result.requireObject("a result (a Stellar expression or {\"profile\": ...})")) {
        result.checkKeys(Set.of("profile", "triage"), Set.of());
        resultProfile = result.requiredString("profile");
        triage = result.map("triage");
      }
      if (!node.has("update")) {
        node.problem("update", "is required");
      }
      String onlyif = node.string("onlyif");
      Long expires = node.integer("expires");
      if (expires != null && expires <= 0) {
        node.problem("expires", "must be a positive number of days, found " + expires);
      }
      return new Profile(
          node.requiredString("profile"),
          node.requiredString("foreach"),
          onlyif == null ? "true" : onlyif,
          node.map("init"),
          node.map("update"),
          node.strings("groupBy"),
          resultProfile,
          triage,
          expires);
    }
  }

  public static ProfilerConfig none() {
    return new ProfilerConfig(List.of(), null);
  }

  /**
   * Reads a profiler config from JSON text, as {@code PROFILER_INIT} receives it.
   *
   * @param name what to call the text in problems, e.g. {@code "PROFILER_INIT"}
   * @throws ConfigException listing every problem, each naming its field
   */
  public static ProfilerConfig parse(String name, String json) throws ConfigException {
    Problems problems = new Problems();
    JsonNode tree;
    try {
      tree = MessageCodec.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name, "malformed JSON: " + e.getOriginalMessage());
    }
    if (tree == null || tree.isMissingNode()) {
      throw new ConfigException(name, "empty: expected a JSON object");
    }
    ProfilerConfig config = read(new ConfigNode(name, "$", tree, problems));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.errors());
    }
    return config;
  }

  static ProfilerConfig read(ConfigNode node) {
    if (!node.requireObject("a profiler config")) {
      return none();
    }
    node.checkKeys(KEYS, Set.of());
    List<Profile> profiles =
        node.elements("profiles").stream().map(Profile::read).filter(Objects::nonNull).toList();
    return new ProfilerConfig(profiles, node.string("timestampField"));
  }
}
