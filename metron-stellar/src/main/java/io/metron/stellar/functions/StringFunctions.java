package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;

import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * String functions: case, trimming, padding, splitting, joining, affixes, entropy, fuzzy scores.
 */
final class StringFunctions {

  private StringFunctions() {}

  static StellarFunction def(FunctionDescriptor.Builder d, StellarFunction.Body body) {
    return StellarFunction.of(d.build(), body);
  }

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("TO_UPPER")
                .param("input", "String", "the value to upper-case")
                .returns("String, or null for null")
                .description("Transforms the argument to an upper-case string.")
                .example("TO_UPPER('abc')", "'ABC'"),
            (a, c) -> a.get(0) == null ? null : a.get(0).toString().toUpperCase(Locale.ROOT)));
    f.add(
        def(
            builder("TO_LOWER")
                .param("input", "String", "the value to lower-case")
                .returns("String, or null for null")
                .description("Transforms the argument to a lower-case string.")
                .example("TO_LOWER('AbC')", "'abc'"),
            (a, c) -> a.get(0) == null ? null : a.get(0).toString().toLowerCase(Locale.ROOT)));
    f.add(
        def(
            builder("TO_STRING")
                .param("input", "Object", "any value")
                .returns("String, or null for null")
                .description("Transforms the argument to a string.")
                .example("TO_STRING(12)", "'12'")
                .example("TO_STRING(1.5)", "'1.5'"),
            (a, c) -> a.get(0) == null ? null : a.get(0).toString()));
    f.add(
        def(
            builder("TRIM")
                .param("input", "String", "the value to trim")
                .returns("String, or null for null")
                .description("Removes whitespace from both ends of a string.")
                .example("TRIM('  a b  ')", "'a b'"),
            (a, c) -> a.get(0) == null ? null : a.get(0).toString().trim()));
    f.add(
        def(
            builder("STARTS_WITH")
                .param("string", "String", "the string to test")
                .param("prefix", "String", "the proposed prefix")
                .returns("Boolean; false when either is null")
                .description("Whether a string starts with a prefix.")
                .example("STARTS_WITH('metron', 'met')", "true"),
            (a, c) -> {
              String s = Args.string(a, 0, "STARTS_WITH");
              String p = Args.string(a, 1, "STARTS_WITH");
              return s != null && p != null && s.startsWith(p);
            }));
    f.add(
        def(
            builder("ENDS_WITH")
                .param("string", "String", "the string to test")
                .param("suffix", "String", "the proposed suffix")
                .returns("Boolean; false when either is null")
                .description("Whether a string ends with a suffix.")
                .example("ENDS_WITH('metron', 'ron')", "true"),
            (a, c) -> {
              String s = Args.string(a, 0, "ENDS_WITH");
              String p = Args.string(a, 1, "ENDS_WITH");
              return s != null && p != null && s.endsWith(p);
            }));
    f.add(
        def(
            builder("JOIN")
                .param("list", "List", "the items to join; nulls are skipped")
                .param("delim", "String", "the delimiter")
                .returns("String")
                .description("Joins the items of a list with a delimiter, skipping nulls.")
                .example("JOIN(['a', null, 'b'], ',')", "'a,b'"),
            (a, c) -> {
              Collection<Object> items = Args.collection(a, 0, "JOIN");
              if (items == null) {
                return null;
              }
              String delim = a.get(1) == null ? "" : a.get(1).toString();
              StringBuilder sb = new StringBuilder();
              for (Object o : items) {
                if (o != null) {
                  if (!sb.isEmpty()) {
                    sb.append(delim);
                  }
                  sb.append(o);
                }
              }
              return sb.toString();
            }));
    f.add(
        def(
            builder("SPLIT")
                .param("input", "String", "the string to split")
                .param("delim", "String", "the delimiter (literal text, not a regex)")
                .returns("List of strings; empty for null input")
                .description(
                    "Splits a string at every occurrence of a delimiter, keeping empty parts.")
                .example("SPLIT('a,b,,c', ',')", "['a', 'b', '', 'c']"),
            (a, c) -> split(a.get(0) == null ? null : a.get(0).toString(), Args.text(a, 1))));
    f.add(
        def(
            builder("GET")
                .param("input", "List", "the list")
                .param("i", "Integer", "the 0-based index")
                .returns("The element, or null when the index is out of range")
                .description("Returns the i'th element of a list.")
                .example("GET(['a', 'b'], 1)", "'b'")
                .example("GET(['a', 'b'], 5)", "null"),
            (a, c) -> {
              Collection<Object> list = Args.collection(a, 0, "GET");
              // Metron cast the index to Integer: a long, a double or a string is an error
              Integer i = Args.object(a, 1, Integer.class, "GET", "an integer");
              if (list == null || i == null || i < 0 || i >= list.size()) {
                return null;
              }
              if (list instanceof List<Object> l) {
                return l.get(i);
              }
              return new ArrayList<>(list).get(i);
            }));
    f.add(
        def(
            builder("GET_FIRST")
                .param("input", "List", "the list")
                .returns("The first element, or null when empty")
                .description("Returns the first element of a list.")
                .example("GET_FIRST(['a', 'b'])", "'a'"),
            (a, c) -> {
              Collection<Object> list = Args.collection(a, 0, "GET_FIRST");
              return list == null || list.isEmpty() ? null : list.iterator().next();
            }));
    f.add(
        def(
            builder("GET_LAST")
                .param("input", "List", "the list")
                .returns("The last element, or null when empty")
                .description("Returns the last element of a list.")
                .example("GET_LAST(['a', 'b'])", "'b'"),
            (a, c) -> {
              Collection<Object> list = Args.collection(a, 0, "GET_LAST");
              if (list == null || list.isEmpty()) {
                return null;
              }
              if (list instanceof List<Object> l) {
                return l.get(l.size() - 1);
              }
              Object last = null;
              for (Object o : list) {
                last = o;
              }
              return last;
            }));
    f.add(fill("FILL_LEFT", true));
    f.add(fill("FILL_RIGHT", false));
    f.add(
        def(
            builder("FORMAT")
                .param("format", "String", "a Java format string")
                .variadic("arguments", "Object", "the values to format")
                .returns("String")
                .description("Formats values with Java's String.format conventions.")
                .example("FORMAT('%s has %d items', 'cart', 3)", "'cart has 3 items'")
                .example("FORMAT('%.2f', 3.14159)", "'3.14'"),
            (a, c) -> {
              String format = Args.text(a, 0);
              if (format == null) {
                throw new StellarException("FORMAT: missing argument: format string");
              }
              try {
                return String.format(Locale.ROOT, format, a.subList(1, a.size()).toArray());
              } catch (java.util.IllegalFormatException e) {
                throw new StellarException(
                    "FORMAT: bad format '" + format + "': " + e.getMessage());
              }
            }));
    f.add(
        def(
            builder("SUBSTRING")
                .param("input", "String", "the string")
                .param("start", "Integer", "the start position (0-based, inclusive)")
                .optional("end", "Integer", "the end position (0-based, exclusive)")
                .returns("String, or null for null input")
                .description("Returns part of a string.")
                .example("SUBSTRING('metron', 1, 3)", "'et'")
                .example("SUBSTRING('metron', 3)", "'ron'"),
            (a, c) -> {
              String s = Args.string(a, 0, "SUBSTRING");
              Number startNumber = Args.object(a, 1, Number.class, "SUBSTRING", "a number");
              Number endNumber = Args.object(a, 2, Number.class, "SUBSTRING", "a number");
              Integer start = startNumber == null ? null : startNumber.intValue();
              Integer end = endNumber == null ? null : endNumber.intValue();
              if (s == null || start == null) {
                return null;
              }
              if (s.isEmpty()) {
                return s;
              }
              int e = end == null ? s.length() : end;
              if (start < 0 || e > s.length() || start > e) {
                throw new StellarException(
                    "SUBSTRING: range ["
                        + start
                        + ", "
                        + e
                        + ") is outside the string of length "
                        + s.length());
              }
              return s.substring(start, e);
            }));
    f.add(
        def(
            builder("CHOMP")
                .param("string", "String", "the string")
                .returns("The string without one trailing newline (\\n, \\r or \\r\\n)")
                .description("Removes one newline from the end of a string, if there is one.")
                .example("CHOMP('abc\\n')", "'abc'"),
            (a, c) -> {
              String s = Args.string(a, 0, "CHOMP");
              if (s == null || s.isEmpty()) {
                return s;
              }
              if (s.endsWith("\r\n")) {
                return s.substring(0, s.length() - 2);
              }
              char last = s.charAt(s.length() - 1);
              return last == '\n' || last == '\r' ? s.substring(0, s.length() - 1) : s;
            }));
    f.add(
        def(
            builder("CHOP")
                .param("string", "String", "the string")
                .returns("The string without its last character (\\r\\n counts as one)")
                .description("Removes the last character of a string.")
                .example("CHOP('abc')", "'ab'"),
            (a, c) -> {
              String s = Args.string(a, 0, "CHOP");
              if (s == null || s.isEmpty()) {
                return s;
              }
              return s.endsWith("\r\n")
                  ? s.substring(0, s.length() - 2)
                  : s.substring(0, s.length() - 1);
            }));
    f.add(
        def(
            builder("PREPEND_IF_MISSING")
                .param("str", "String", "the string")
                .param("prefix", "String", "the prefix to add")
                .optional("additionalprefix", "String", "another prefix that also counts")
                .returns("String")
                .description(
                    "Prepends the prefix unless the string already starts with it or with one of"
                        + " the additional prefixes.")
                .example("PREPEND_IF_MISSING('example.com', 'www.')", "'www.example.com'")
                .example(
                    "PREPEND_IF_MISSING('ftp.example.com', 'www.', 'ftp.')", "'ftp.example.com'"),
            (a, c) -> affix(a, true)));
    f.add(
        def(
            builder("APPEND_IF_MISSING")
                .param("str", "String", "the string")
                .param("suffix", "String", "the suffix to add")
                .optional("additionalsuffix", "String", "another suffix that also counts")
                .returns("String")
                .description(
                    "Appends the suffix unless the string already ends with it or with one of the"
                        + " additional suffixes.")
                .example("APPEND_IF_MISSING('report', '.txt')", "'report.txt'")
                .example("APPEND_IF_MISSING('report.csv', '.txt', '.csv')", "'report.csv'"),
            (a, c) -> affix(a, false)));
    f.add(
        def(
            builder("COUNT_MATCHES")
                .param("str", "String", "the string to search")
                .param("substring", "String", "the text to count")
                .returns("Integer: the number of non-overlapping occurrences")
                .description("Counts how often a substring occurs in a string.")
                .example("COUNT_MATCHES('abcabc', 'bc')", "2"),
            (a, c) -> {
              if (a.size() != 2) {
                throw new StellarException(
                    "COUNT_MATCHES: incorrect arguments. Usage: COUNT_MATCHES <String>"
                        + " <substring>");
              }
              String s = Args.string(a, 0, "COUNT_MATCHES");
              String sub = Args.string(a, 1, "COUNT_MATCHES");
              if (s == null || sub == null || s.isEmpty() || sub.isEmpty()) {
                return 0;
              }
              int count = 0;
              for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
                count++;
              }
              return count;
            }));
    f.add(
        def(
            builder("STRING_ENTROPY")
                .namespace("STRING")
                .param("input", "String", "the string")
                .returns("Double: the base-2 Shannon entropy in bits; 0.0 for empty or null")
                .description("Computes the Shannon entropy of the characters of a string.")
                .example("STRING_ENTROPY('aabb')", "1.0")
                .example("STRING_ENTROPY('')", "0.0"),
            (a, c) -> {
              String s = Args.text(a, 0);
              if (s == null || s.isEmpty()) {
                return 0.0;
              }
              Map<Character, Integer> counts = new HashMap<>();
              for (int i = 0; i < s.length(); i++) {
                counts.merge(s.charAt(i), 1, Integer::sum);
              }
              double h = 0;
              for (int n : counts.values()) {
                double p = (double) n / s.length();
                h -= p * Math.log(p) / Math.log(2);
              }
              return h;
            }));
    f.add(
        def(
            builder("FUZZY_SCORE")
                .param("string", "String", "the text to search")
                .param("term", "String", "the term to look for")
                .param("locale", "String", "the language tag used to lower-case both, e.g. 'en'")
                .returns(
                    "Integer: one point per matched character, two more for each consecutive match")
                .description(
                    "Scores how well a term fuzzily matches a string (the algorithm of Apache"
                        + " Commons Text's FuzzyScore, as in Metron).")
                .example("FUZZY_SCORE('Workshop', 'wo', 'en')", "4")
                .example("FUZZY_SCORE('Room', 'o', 'en')", "1"),
            (a, c) -> {
              String s = Args.text(a, 0);
              String term = Args.text(a, 1);
              String tag = Args.text(a, 2);
              if (tag == null || tag.isEmpty() || !availableLanguage(tag)) {
                throw new StellarException(
                    "FUZZY_SCORE: '" + tag + "' is not an available language; see FUZZY_LANGS()");
              }
              if (s == null || term == null) {
                return 0;
              }
              Locale locale = Locale.forLanguageTag(tag);
              return fuzzyScore(s.toLowerCase(locale), term.toLowerCase(locale));
            }));
    f.add(
        def(
            builder("FUZZY_LANGS")
                .returns("List of language tags FUZZY_SCORE accepts")
                .description("Lists the languages available to FUZZY_SCORE.")
                .example("'en' in FUZZY_LANGS()", "true"),
            (a, c) -> {
              TreeSet<String> langs = new TreeSet<>();
              for (Locale l : Locale.getAvailableLocales()) {
                if (!l.getLanguage().isEmpty()) {
                  langs.add(l.getLanguage());
                }
              }
              return new ArrayList<>(langs);
            }));
    return f;
  }

  static int fuzzyScore(String s, String term) {
    int score = 0;
    int index = 0;
    int previous = Integer.MIN_VALUE;
    for (int t = 0; t < term.length(); t++) {
      char wanted = term.charAt(t);
      boolean found = false;
      for (; index < s.length() && !found; index++) {
        if (s.charAt(index) == wanted) {
          score++;
          if (previous + 1 == index) {
            score += 2;
          }
          previous = index;
          found = true;
        }
      }
    }
    return score;
  }

  static List<Object> split(String s, String delim) {
    List<Object> parts = new ArrayList<>();
    if (s == null) {
      return parts;
    }
    if (delim == null || delim.isEmpty()) {
      throw new StellarException("SPLIT: the delimiter must not be empty");
    }
    int from = 0;
    for (int at = s.indexOf(delim); at >= 0; at = s.indexOf(delim, from)) {
      parts.add(s.substring(from, at));
      from = at + delim.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  private static StellarFunction fill(String name, boolean left) {
    return def(
        builder(name)
            .param("input", "String", "the string")
            .param("fill", "String", "the fill character (only the first character is used)")
            .param("len", "Integer", "the required length")
            .returns("String, or null for null input")
            .description(
                "Pads a string on the " + (left ? "left" : "right") + " to the given length.")
            .example(name + "('12', '0', 4)", left ? "'0012'" : "'1200'"),
        (a, c) -> {
          Object input = a.get(0);
          if (input == null) {
            return null;
          }
          String fill = Args.text(a, 1);
          if (fill == null || fill.isEmpty()) {
            throw new StellarException(name + ": the fill must be a non-empty string");
          }
          Integer len = Args.integer(a, 2, name);
          if (len == null) {
            throw new StellarException(name + ": the length is required");
          }
          String s = input.toString();
          if (s.length() >= len) {
            return s;
          }
          String pad = String.valueOf(fill.charAt(0)).repeat(len - s.length());
          return left ? pad + s : s + pad;
        });
  }

  // Metron: exactly two or three arguments, all strings (or null)
  private static Object affix(List<Object> a, boolean prefix) {
    String fn = prefix ? "PREPEND_IF_MISSING" : "APPEND_IF_MISSING";
    if (a.size() < 2 || a.size() > 3) {
      throw new StellarException(
          fn + ": incorrect arguments. Usage: " + fn + " <String> <affix> [<affix>]");
    }
    String s = Args.string(a, 0, fn);
    String affix = Args.string(a, 1, fn);
    Args.string(a, 2, fn);
    if (s == null || affix == null || affix.isEmpty()) {
      return s;
    }
    for (int i = 1; i < a.size(); i++) {
      Object o = a.get(i);
      if (o != null && (prefix ? s.startsWith(o.toString()) : s.endsWith(o.toString()))) {
        return s;
      }
    }
    return prefix ? affix + s : s + affix;
  }

  private static boolean availableLanguage(String tag) {
    for (Locale l : Locale.getAvailableLocales()) {
      if (l.toLanguageTag().equals(tag)) {
        return true;
      }
    }
    return false;
  }
}
