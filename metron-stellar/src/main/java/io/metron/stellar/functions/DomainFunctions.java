package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DOMAIN_* functions. Public suffixes follow the Public Suffix List's default rule (the last label
 * is the suffix) plus a compact table of the common multi-label suffixes (co.uk, com.au, ...).
 */
final class DomainFunctions {

  private DomainFunctions() {}

  /** Multi-label public suffixes, written for Metron from the facts of the Public Suffix List. */
  private static final Set<String> MULTI_LABEL_SUFFIXES = suffixes();

  private static Set<String> suffixes() {
    Set<String> s = new HashSet<>();
    String[][] table = {
      {"uk", "co", "org", "ac", "gov", "ltd", "plc", "me", "net", "nhs", "police", "sch"},
      {"au", "com", "net", "org", "edu", "gov", "asn", "id"},
      {"nz", "co", "org", "net", "ac", "govt", "geek", "school"},
      {"za", "co", "org", "net", "ac", "gov", "edu"},
      {"jp", "co", "ne", "or", "ac", "go", "ad", "ed", "gr", "lg"},
      {"br", "com", "net", "org", "gov", "edu", "art", "blog"},
      {"cn", "com", "net", "org", "gov", "edu", "ac"},
      {"hk", "com", "net", "org", "gov", "edu", "idv"},
      {"tw", "com", "net", "org", "gov", "edu", "idv"},
      {"in", "co", "net", "org", "gov", "ac", "edu", "firm", "gen", "ind", "res"},
      {"kr", "co", "ne", "or", "go", "ac", "re"},
      {"sg", "com", "net", "org", "gov", "edu"},
      {"my", "com", "net", "org", "gov", "edu"},
      {"mx", "com", "net", "org", "gob", "edu"},
      {"ar", "com", "net", "org", "gob", "edu"},
      {"il", "co", "org", "net", "ac", "gov"},
      {"tr", "com", "net", "org", "gov", "edu", "gen"},
      {"ru", "com", "net", "org"},
      {"ua", "com", "net", "org", "gov", "edu"},
      {"pl", "com", "net", "org", "gov", "edu"},
      {"id", "co", "or", "ac", "go", "net", "web"},
      {"th", "co", "or", "ac", "go", "in"},
      {"ph", "com", "net", "org", "gov", "edu"},
      {"vn", "com", "net", "org", "gov", "edu"},
      {"pk", "com", "net", "org", "gov", "edu"},
      {"eg", "com", "net", "org", "gov", "edu"},
      {"sa", "com", "net", "org", "gov", "edu"},
      {"ng", "com", "net", "org", "gov", "edu"},
      {"ke", "co", "or", "ne", "go", "ac"},
      {"co", "com", "net", "org", "gov", "edu"},
      {"pe", "com", "net", "org", "gob", "edu"},
      {"ve", "com", "net", "org", "gob", "edu"},
      {"cl", "gob", "gov"},
      {"es", "com", "nom", "org", "gob", "edu"},
      {"fr", "asso", "com", "gouv", "nom"},
      {"it", "gov", "edu"},
      {"us", "ak", "al", "ca", "co", "fl", "ma", "ny", "tx", "wa"},
    };
    for (String[] row : table) {
      for (int i = 1; i < row.length; i++) {
        s.add(row[i] + "." + row[0]);
      }
    }
    s.addAll(
        List.of(
            "github.io",
            "blogspot.com",
            "herokuapp.com",
            "appspot.com",
            "cloudfront.net",
            "azurewebsites.net",
            "s3.amazonaws.com",
            "gov.uk",
            "eu.com",
            "uk.com",
            "us.com"));
    return Set.copyOf(s);
  }

  /** The number of labels at the end of {@code domain} that form its public suffix. */
  static int suffixLabels(String lowerDomain) {
    int last = lowerDomain.lastIndexOf('.');
    if (last < 0) {
      return 1;
    }
    int second = lowerDomain.lastIndexOf('.', last - 1);
    int best = MULTI_LABEL_SUFFIXES.contains(lowerDomain.substring(second + 1)) ? 2 : 1;
    if (second >= 0) {
      int third = lowerDomain.lastIndexOf('.', second - 1);
      if (MULTI_LABEL_SUFFIXES.contains(lowerDomain.substring(third + 1))) {
        best = 3;
      }
    }
    return best;
  }

  /**
   * Splits a domain into [the part before the public suffix, the lower-case suffix], or returns
   * null when the text is not a domain name (as Guava's InternetDomainName, which Metron used,
   * rejects: empty labels, spaces, labels starting or ending with '-', a numeric last label).
   */
  static String[] split(String domain) {
    String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    if (!isDomainName(d)) {
      return null;
    }
    String lower = d.toLowerCase(Locale.ROOT);
    int labels = suffixLabels(lower);
    int at = d.length();
    for (int i = 0; i < labels; i++) {
      at = d.lastIndexOf('.', at - 1);
      if (at < 0) {
        return new String[] {"", lower};
      }
    }
    return new String[] {d.substring(0, at), lower.substring(at + 1)};
  }

  private static final boolean[] ASCII_LABEL_CHARS = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_LABEL_CHARS[c] =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || c == '-'
              || c == '_';
    }
  }

  private static boolean isDomainName(String d) {
    if (d.isEmpty() || d.length() > 253) {
      return false;
    }
    int start = 0;
    while (true) {
      int end = d.indexOf('.', start);
      int stop = end < 0 ? d.length() : end;
      if (stop == start
          || stop - start > 63
          || d.charAt(start) == '-'
          || d.charAt(stop - 1) == '-') {
        return false;
      }
      for (int i = start; i < stop; i++) {
        char c = d.charAt(i);
        boolean ok = c < 128 ? ASCII_LABEL_CHARS[c] : Character.isLetterOrDigit(c);
        if (!ok) {
          return false;
        }
      }
      if (end < 0) {
        return !Character.isDigit(d.charAt(start));
      }
      start = end + 1;
    }
  }

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("DOMAIN_TO_TLD")
                .param("domain", "String", "a fully qualified domain name")
                .returns("String: the public suffix (TLD), e.g. 'co.uk'")
                .description("The public suffix of a domain.")
                .example("DOMAIN_TO_TLD('www.google.co.uk')", "'co.uk'")
                .example("DOMAIN_TO_TLD('example.com')", "'com'"),
            (a, c) -> {
              String d = Args.text(a, 0);
              String[] parts = d == null ? null : split(d);
              return parts == null ? null : parts[1];
            }));
    f.add(
        def(
            builder("DOMAIN_REMOVE_TLD")
                .param("domain", "String", "a fully qualified domain name")
                .returns("String: the domain without its public suffix")
                .description("Removes the public suffix from a domain.")
                .example("DOMAIN_REMOVE_TLD('www.google.co.uk')", "'www.google'")
                .example("DOMAIN_REMOVE_TLD('example.com')", "'example'"),
            (a, c) -> {
              String d = Args.text(a, 0);
              String[] parts = d == null ? null : split(d);
              return parts == null ? null : parts[0];
            }));
    f.add(
        def(
            builder("DOMAIN_REMOVE_SUBDOMAINS")
                .param("domain", "String", "a fully qualified domain name")
                .returns("String: the registrable domain (one label plus the public suffix)")
                .description("Removes the subdomains from a domain.")
                .example("DOMAIN_REMOVE_SUBDOMAINS('mail.yahoo.co.uk')", "'yahoo.co.uk'")
                .example("DOMAIN_REMOVE_SUBDOMAINS('www.example.com')", "'example.com'"),
            (a, c) -> {
              String d = Args.text(a, 0);
              String[] parts = d == null ? null : split(d);
              if (parts == null) {
                return null;
              }
              if (parts[0].isEmpty()) {
                return parts[1];
              }
              String rest = parts[0];
              return rest.substring(rest.lastIndexOf('.') + 1) + "." + parts[1];
            }));
    f.add(
        def(
            builder("DOMAIN_TYPOSQUAT")
                .param("domain", "String", "a domain, e.g. 'google.com'")
                .returns("Set of typosquatted variants of the domain (the public suffix is kept)")
                .description(
                    "Generates typosquatting candidates (dnstwist-style strategies: addition,"
                        + " bitsquatting, homoglyph, hyphenation, insertion, omission, repetition,"
                        + " replacement, subdomain, transposition, vowel swap).")
                .example("'gogle.com' in DOMAIN_TYPOSQUAT('google.com')", "true")
                .example("'google.com' in DOMAIN_TYPOSQUAT('google.com')", "false"),
            (a, c) -> {
              String d = Args.text(a, 0);
              if (d == null || d.isEmpty()) {
                return null;
              }
              String[] parts = split(d.toLowerCase(Locale.ROOT));
              if (parts == null || parts[0].isEmpty()) {
                return new HashSet<>();
              }
              Set<String> out = new LinkedHashSet<>();
              for (String v : typos(parts[0])) {
                out.add(v + "." + parts[1]);
              }
              out.remove(d.toLowerCase(Locale.ROOT));
              return new HashSet<>(out);
            }));
    return f;
  }

  private static final Map<Character, String> KEYBOARD =
      Map.ofEntries(
          Map.entry('1', "2q"),
          Map.entry('2', "3wq1"),
          Map.entry('3', "4ew2"),
          Map.entry('4', "5re3"),
          Map.entry('5', "6tr4"),
          Map.entry('6', "7yt5"),
          Map.entry('7', "8uy6"),
          Map.entry('8', "9iu7"),
          Map.entry('9', "0oi8"),
          Map.entry('0', "po9"),
          Map.entry('q', "12wa"),
          Map.entry('w', "3esaq2"),
          Map.entry('e', "4rdsw3"),
          Map.entry('r', "5tfde4"),
          Map.entry('t', "6ygfr5"),
          Map.entry('y', "7uhgt6"),
          Map.entry('u', "8ijhy7"),
          Map.entry('i', "9okju8"),
          Map.entry('o', "0plki9"),
          Map.entry('p', "lo0"),
          Map.entry('a', "qwsz"),
          Map.entry('s', "edxzaw"),
          Map.entry('d', "rfcxse"),
          Map.entry('f', "tgvcdr"),
          Map.entry('g', "yhbvft"),
          Map.entry('h', "ujnbgy"),
          Map.entry('j', "ikmnhu"),
          Map.entry('k', "olmji"),
          Map.entry('l', "kop"),
          Map.entry('z', "asx"),
          Map.entry('x', "zsdc"),
          Map.entry('c', "xdfv"),
          Map.entry('v', "cfgb"),
          Map.entry('b', "vghn"),
          Map.entry('n', "bhjm"),
          Map.entry('m', "njk"));

  private static final Map<Character, String> HOMOGLYPHS =
      Map.ofEntries(
          Map.entry('a', "àáâãäåɑ"),
          Map.entry('b', "d"),
          Map.entry('c', "e"),
          Map.entry('d', "b"),
          Map.entry('e', "éêëè"),
          Map.entry('g', "q"),
          Map.entry('h', "b"),
          Map.entry('i', "1líìïî"),
          Map.entry('k', "ĸ"),
          Map.entry('l', "1i"),
          Map.entry('m', "n"),
          Map.entry('n', "m"),
          Map.entry('o', "0òóôõöø"),
          Map.entry('q', "g"),
          Map.entry('s', "5"),
          Map.entry('u', "üúùû"),
          Map.entry('w', "vv"),
          Map.entry('y', "ýÿ"),
          Map.entry('z', "2"));

  private static final String VOWELS = "aeiou";

  private static Set<String> typos(String name) {
    Set<String> out = new LinkedHashSet<>();
    int n = name.length();
    for (char ch = 'a'; ch <= 'z'; ch++) {
      out.add(name + ch);
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      String before = name.substring(0, i);
      String after = name.substring(i + 1);
      for (int bit = 0; bit < 8; bit++) {
        char flipped = (char) (c ^ (1 << bit));
        if (flipped >= 'a' && flipped <= 'z'
            || flipped >= '0' && flipped <= '9'
            || flipped == '-') {
          out.add(before + flipped + after);
        }
      }
      for (char g : HOMOGLYPHS.getOrDefault(c, "").toCharArray()) {
        out.add(before + g + after);
      }
      if (c == 'w') {
        out.add(before + "vv" + after);
      }
      if (c == 'm') {
        out.add(before + "rn" + after);
      }
      if (i > 0) {
        out.add(before + "-" + c + after);
        out.add(before + "." + c + after);
      }
      for (char k : KEYBOARD.getOrDefault(c, "").toCharArray()) {
        out.add(before + k + c + after);
        out.add(before + c + k + after);
        out.add(before + k + after);
      }
      out.add(before + after);
      out.add(before + c + c + after);
      if (i + 1 < n) {
        out.add(before + name.charAt(i + 1) + c + name.substring(i + 2));
      }
      if (VOWELS.indexOf(c) >= 0) {
        for (char v : VOWELS.toCharArray()) {
          out.add(before + v + after);
        }
      }
    }
    out.remove(name);
    out.removeIf(s -> s.isEmpty() || s.startsWith("-") || s.endsWith("-") || s.startsWith("."));
    return out;
  }
}
