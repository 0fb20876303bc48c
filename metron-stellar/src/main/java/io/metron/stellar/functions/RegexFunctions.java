package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * REGEXP_MATCH, REGEXP_GROUP_VAL and REGEXP_REPLACE, with Java regex syntax. Patterns are compiled
 * once and cached. As in Metron's code, REGEXP_MATCH and REGEXP_GROUP_VAL match the whole string.
 */
final class RegexFunctions {

  private RegexFunctions() {}

  private static final BoundedCache<String, Object> PATTERNS =
      new BoundedCache<>(
          10_000,
          p -> {
            try {
              return Pattern.compile(p);
            } catch (PatternSyntaxException e) {
              return e;
            }
          });

  static Pattern pattern(String regex, String fn) {
    Object p = PATTERNS.get(regex);
    if (p instanceof PatternSyntaxException e) {
      throw new StellarException(
          fn + ": invalid regular expression '" + regex + "': " + e.getDescription());
    }
    return (Pattern) p;
  }

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("REGEXP_MATCH")
                .param("string", "String", "the string to test")
                .param("pattern", "Object", "a regex, or a list of regexes (any may match)")
                .returns("Boolean: whether the whole string matches; false for null")
                .description("Tests a string against one or more regular expressions.")
                .example("REGEXP_MATCH('metron', 'met.*')", "true")
                .example("REGEXP_MATCH('metron', 'tron')", "false")
                .example("REGEXP_MATCH('42', ['[a-z]+', '\\\\d+'])", "true"),
            (a, c) -> {
              String s = Args.text(a, 0);
              Object p = a.get(1);
              if (s == null || p == null) {
                return false;
              }
              if (p instanceof Collection<?> patterns) {
                for (Object o : patterns) {
                  if (o != null && pattern(o.toString(), "REGEXP_MATCH").matcher(s).matches()) {
                    return true;
                  }
                }
                return false;
              }
              return pattern(p.toString(), "REGEXP_MATCH").matcher(s).matches();
            }));
    f.add(
        def(
            builder("REGEXP_GROUP_VAL")
                .param("string", "String", "the string")
                .param("pattern", "String", "a regex that must match the whole string")
                .param(
                    "group",
                    "Integer",
                    "the group to return, starting at 1 (0 is the whole string)")
                .returns("String: the group's value; null when there is no match or no such group")
                .description("Extracts a capture group of a regular expression.")
                .example("REGEXP_GROUP_VAL('LOCAL\\\\alice', '(.*)\\\\p{Punct}(.*)', 2)", "'alice'")
                .example("REGEXP_GROUP_VAL('abc', '\\\\d+', 1)", "null"),
            (a, c) -> {
              String s = Args.text(a, 0);
              String p = Args.text(a, 1);
              Integer group = Args.integer(a, 2, "REGEXP_GROUP_VAL");
              if (group != null && group == 0) {
                return s;
              }
              if (s == null || p == null || group == null) {
                return null;
              }
              Matcher m = pattern(p, "REGEXP_GROUP_VAL").matcher(s);
              if (!m.matches() || m.groupCount() < group || group < 0) {
                return null;
              }
              return m.group(group);
            }));
    f.add(
        def(
            builder("REGEXP_REPLACE")
                .param("string", "String", "the string")
                .param("pattern", "String", "the regex to replace")
                .param("value", "String", "the replacement ($1 refers to a group)")
                .returns("String with every match replaced; null for null input")
                .description("Replaces every match of a regular expression.")
                .example("REGEXP_REPLACE('a1b22c', '\\\\d+', '#')", "'a#b#c'"),
            (a, c) -> {
              String s = Args.text(a, 0);
              String p = Args.text(a, 1);
              String v = Args.text(a, 2);
              if (s == null || p == null) {
                return s;
              }
              try {
                return pattern(p, "REGEXP_REPLACE").matcher(s).replaceAll(v == null ? "" : v);
              } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new StellarException("REGEXP_REPLACE: invalid replacement '" + v + "'");
              }
            }));
    return f;
  }
}
