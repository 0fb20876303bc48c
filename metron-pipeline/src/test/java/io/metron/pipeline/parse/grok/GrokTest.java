package io.metron.pipeline.parse.grok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GrokTest {
  private static final Map<String, String> COMMON;

  static {
    try {
      COMMON = GrokLibrary.load(null);
    } catch (GrokException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void capturesNamedFieldsWithUnderscoresAndDropsUnwanted() throws Exception {
    Grok grok = Grok.compile("%{IP:ip_src_addr} %{WORD:UNWANTED} %{NUMBER:bytes_out}", COMMON);
    assertThat(grok.match("10.1.2.3 GET 512").fields())
        .containsExactly(Map.entry("ip_src_addr", "10.1.2.3"), Map.entry("bytes_out", 512L));
    assertThat(grok.fields()).containsExactly("ip_src_addr", "bytes_out");
  }

  @Test
  void convertsTypedCapturesAndKeepsDecimalsAsTextWhenUntyped() throws Exception {
    Grok grok =
        Grok.compile("%{NUMBER:a} %{NUMBER:b:float} %{INT:c:int} %{WORD:d:boolean}", COMMON);
    var out = grok.match("1.50 2.25 007 true");
    assertThat(out.get("a")).isEqualTo("1.50");
    assertThat(out.get("b")).isEqualTo(2.25);
    assertThat(out.get("c")).isEqualTo(7L);
    assertThat(out.get("d")).isEqualTo(true);
  }

  @Test
  void acceptsRegexNamedGroupsAndIpv6() throws Exception {
    Grok grok = Grok.compile("(?<user_name>\\w+)@%{IP:host_ip}", COMMON);
    assertThat(grok.match("root@2001:db8::1").fields())
        .containsEntry("user_name", "root")
        .containsEntry("host_ip", "2001:db8::1");
  }

  @Test
  void unknownAndCyclicPatternsAreReported() {
    assertThatThrownBy(() -> Grok.compile("%{NOPE:x}", COMMON))
        .isInstanceOf(GrokException.class)
        .hasMessageContaining("unknown grok pattern %{NOPE}");
    assertThatThrownBy(() -> Grok.compile("%{A}", Map.of("A", "%{B}", "B", "%{A}")))
        .hasMessageContaining("refers to itself");
  }

  @Test
  void catastrophicBacktrackingEndsWithAnErrorInsteadOfHanging() throws Exception {
    Grok grok = Grok.compile("(?<x>(.*a){12})b", Map.of());
    String evil = "a".repeat(40) + "!";
    assertThatThrownBy(() -> grok.match(evil)).isInstanceOf(RegexBudget.ExceededException.class);
  }

  @Test
  void builtInSetsLoadAndEveryPatternCompiles() throws Exception {
    for (String set : new String[] {"yaf", "squid", "websphere", "asa"}) {
      Map<String, String> library = GrokLibrary.load("/patterns/" + set);
      for (String name : library.keySet()) {
        assertThat(Grok.compile("%{" + name + "}", library)).as(set + " " + name).isNotNull();
      }
    }
    assertThatThrownBy(() -> GrokLibrary.load("/patterns/none"))
        .hasMessageContaining("no grok pattern file at /patterns/none");
  }

  @Test
  void legacyDateFormatReadsMillisecondsAsMetronDid() {
    LegacyDateFormat format =
        new LegacyDateFormat("yyyy-MM-dd HH:mm:ss.S", java.time.ZoneOffset.UTC);
    assertThat(format.parse("2024-06-01 12:00:00.5")).isEqualTo(1717243200005L);
    assertThat(format.parse("2024-06-01 12:00:00.512")).isEqualTo(1717243200512L);
    assertThat(format.parse("noon")).isNull();
  }

  @Test
  void fastDateParsingAgreesWithSimpleDateFormat() {
    java.util.Random random = new java.util.Random(11);
    for (String zone : new String[] {"UTC", "Europe/Paris", "America/New_York"}) {
      String[][] cases = {
        {"yyyy-MM-dd HH:mm:ss.S", "%04d-%02d-%02d %02d:%02d:%02d.%d"},
        {"yyyy/MM/dd HH:mm:ss", "%04d/%02d/%02d %02d:%02d:%02d"},
        {"yyyyMMddHHmmss", "%04d%02d%02d%02d%02d%02d"}
      };
      for (String[] c : cases) {
        String pattern = c[0];
        LegacyDateFormat fast = new LegacyDateFormat(pattern, java.time.ZoneId.of(zone));
        java.text.SimpleDateFormat reference =
            new java.text.SimpleDateFormat(pattern, java.util.Locale.ENGLISH);
        reference.setTimeZone(java.util.TimeZone.getTimeZone(zone));
        for (int i = 0; i < 2000; i++) {
          String text =
              String.format(
                  java.util.Locale.ROOT,
                  c[1],
                  1990 + random.nextInt(60),
                  random.nextInt(14),
                  random.nextInt(33),
                  random.nextInt(25),
                  random.nextInt(61),
                  random.nextInt(61),
                  random.nextInt(1200));
          java.util.Date expected = reference.parse(text, new java.text.ParsePosition(0));
          assertThat(fast.parse(text))
              .as("%s in %s as %s", text, zone, pattern)
              .isEqualTo(expected == null ? null : expected.getTime());
        }
      }
    }
  }
}
