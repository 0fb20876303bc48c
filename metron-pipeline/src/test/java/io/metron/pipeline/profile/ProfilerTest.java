package io.metron.pipeline.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.core.config.ProfilerConfig;
import io.metron.stellar.FunctionRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilerTest {

  private static final Map<String, Object> TEN_SECONDS =
      Map.of(
          ProfilerSettings.PERIOD,
          10,
          ProfilerSettings.PERIOD_UNITS,
          "SECONDS",
          ProfilerSettings.LAG,
          2,
          ProfilerSettings.LAG_UNITS,
          "SECONDS");

  static Profiler profiler(String json, Map<String, Object> global) throws Exception {
    return Profiler.of(
        ProfilerConfig.parse("test", json),
        FunctionRegistry.builtin(),
        global,
        ProfileStateStore.inMemory(),
        new ProfileErrors(),
        Clock.fixed(Instant.ofEpochMilli(0), ZoneOffset.UTC));
  }

  static final String COUNTS =
      """
      {"timestampField": "timestamp", "profiles": [
        {"profile": "hits", "foreach": "ip_src_addr", "onlyif": "exists(ip_src_addr)",
         "init": {"count": "0"}, "update": {"count": "count + 1"}, "result": "count"},
        {"profile": "bytes", "foreach": "ip_src_addr",
         "init": {"s": "STATS_INIT()"}, "update": {"s": "STATS_ADD(s, bytes)"},
         "result": {"profile": "s", "triage": {"max": "STATS_MAX(s)"}},
         "groupBy": ["JOIN(['g', start], '-')"]}
      ]}
      """;

  static Map<String, Object> event(long ts, String ip, Object bytes) {
    return Map.of("timestamp", ts, "ip_src_addr", ip, "bytes", bytes);
  }

  @Test
  void periodIdIsEpochMillisOverDuration() {
    ProfilePeriod p = ProfilePeriod.of(1_234_567, 1000);
    assertThat(p.period()).isEqualTo(1234);
    assertThat(p.startMillis()).isEqualTo(1_234_000);
    assertThat(p.endMillis()).isEqualTo(1_235_000);
    assertThat(p.next().period()).isEqualTo(1235);
    assertThat(ProfilePeriod.between(1500, 3000, 1000, x -> true))
        .extracting(ProfilePeriod::period)
        .containsExactly(1L, 2L, 3L);
    assertThat(ProfilerSettings.from(Map.of()).periodMillis()).isEqualTo(15 * 60_000);
  }

  @Test
  void countsPerEntityAndPeriodAndFlushesClosedPeriodsOnly() throws Exception {
    Profiler p = profiler(COUNTS, TEN_SECONDS);
    p.apply(event(1_000, "10.0.0.1", 5));
    p.apply(event(2_000, "10.0.0.1", 7));
    p.apply(event(3_000, "10.0.0.2", 1));
    p.apply(event(11_000, "10.0.0.1", 3));
    // period 0 ends at 10 s; with 2 s of lag it closes only once time reaches 12 s
    assertThat(p.flushClosed()).isEmpty();
    p.apply(event(12_000, "10.0.0.2", 4));
    List<ProfileMeasurement> flushed = p.flushClosed();
    assertThat(flushed)
        .filteredOn(m -> m.profile().equals("hits"))
        .extracting(ProfileMeasurement::entity, ProfileMeasurement::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("10.0.0.1", 2),
            org.assertj.core.groups.Tuple.tuple("10.0.0.2", 1));
    ProfileMeasurement bytes =
        flushed.stream()
            .filter(m -> m.profile().equals("bytes") && m.entity().equals("10.0.0.1"))
            .findFirst()
            .orElseThrow();
    assertThat(bytes.triage()).containsEntry("max", 7.0);
    assertThat(bytes.groups()).containsExactly("g-0");
    // an event for the flushed period is late and dropped
    p.apply(event(9_000, "10.0.0.1", 1));
    assertThat(p.counts().late()).isEqualTo(1);
    assertThat(p.flushAll())
        .filteredOn(m -> m.profile().equals("hits"))
        .extracting(ProfileMeasurement::value)
        .containsExactly(1, 1);
  }

  @Test
  void aFailingExpressionCountsAnErrorForItsProfileAndNeverStopsTheOthers() throws Exception {
    Profiler p =
        profiler(
            """
            {"timestampField": "timestamp", "profiles": [
              {"profile": "bad", "foreach": "ip_src_addr",
               "init": {"n": "0"}, "update": {"n": "n + bytes"}, "result": "n"},
              {"profile": "good", "foreach": "ip_src_addr",
               "init": {"n": "0"}, "update": {"n": "n + 1"}, "result": "n"}
            ]}
            """,
            TEN_SECONDS);
    p.apply(event(1_000, "a", 1));
    p.apply(event(2_000, "a", "not a number"));
    p.apply(Map.of("timestamp", 3_000, "bytes", 1)); // no entity
    assertThat(p.errors().snapshot().get("bad").count()).isEqualTo(2);
    assertThat(p.errors().snapshot().get("bad").lastReason())
        .contains("profile='bad'")
        .contains("entity");
    assertThat(p.errors().snapshot().get("good").count()).isEqualTo(1);
    assertThat(p.errors().snapshot().get("good").lastReason()).contains("entity is missing");
    assertThat(p.flushAll())
        .extracting(ProfileMeasurement::profile, ProfileMeasurement::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("bad", 1),
            org.assertj.core.groups.Tuple.tuple("good", 2));
  }

  @Test
  void messagesWithoutATimestampAreDroppedWithEventTime() throws Exception {
    Profiler p = profiler(COUNTS, TEN_SECONDS);
    p.apply(Map.of("ip_src_addr", "a", "bytes", 1));
    p.apply(Map.of("ip_src_addr", "a", "bytes", 1, "timestamp", "soon"));
    assertThat(p.counts().noTimestamp()).isEqualTo(2);
    assertThat(p.flushAll()).isEmpty();
  }

  @Test
  void processingTimeUsesTheClock() throws Exception {
    Profiler p =
        profiler(
            """
            {"profiles": [{"profile": "p", "foreach": "'all'",
              "update": {"n": "if exists(n) then n + 1 else 1"}, "result": "n"}]}
            """,
            TEN_SECONDS);
    p.apply(Map.of("timestamp", 99_999_999));
    List<ProfileMeasurement> out = p.flushAll();
    assertThat(out).hasSize(1);
    assertThat(out.getFirst().period().period()).isZero();
    assertThat(out.getFirst().value()).isEqualTo(1);
  }

  @Test
  void expiresTravelsWithTheMeasurementAndMustBePositive() throws Exception {
    String json =
        """
        {"timestampField": "timestamp", "profiles": [{"profile": "hits", "foreach": "ip_src_addr",
          "update": {"n": "1"}, "result": "n", "expires": %s}]}
        """;
    Profiler p = profiler(json.formatted("30"), TEN_SECONDS);
    p.apply(event(1_000, "10.0.0.1", 1));
    assertThat(p.flushAll())
        .singleElement()
        .extracting(ProfileMeasurement::expiresDays)
        .isEqualTo(30L);
    assertThatThrownBy(() -> ProfilerConfig.parse("test", json.formatted("0")))
        .hasMessageContaining("expires")
        .hasMessageContaining("must be a positive number of days, found 0");
  }

  @Test
  void aProfileThatDoesNotCompileIsRejectedByName() {
    assertThatThrownBy(
            () ->
                profiler(
                    """
                    {"profiles": [{"profile": "broken", "foreach": "ip_src_addr",
                      "update": {"n": "n +"}, "result": "n"}]}
                    """,
                    Map.of()))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("profile 'broken': update.n does not compile");
  }

  @Test
  void stateAndSketchesSurviveSerialization() throws Exception {
    Profiler p = profiler(COUNTS, TEN_SECONDS);
    ProfileState state = new ProfileState();
    CompiledProfile bytes = p.profiles().get(1);
    ProfileBuilder.apply(
        bytes, "a", state, event(1, "a", 4), 1, io.metron.stellar.StellarContext.empty());
    ProfileState copy = (ProfileState) ValueCodec.decode(ValueCodec.encode(state));
    ProfileBuilder.apply(
        bytes, "a", copy, event(2, "a", 6), 2, io.metron.stellar.StellarContext.empty());
    ProfileMeasurement m =
        ProfileBuilder.flush(
            bytes,
            "a",
            ProfilePeriod.of(2, 10_000),
            copy,
            io.metron.stellar.StellarContext.empty());
    assertThat(m.triage()).containsEntry("max", 6.0);
    assertThat(copy.messages()).isEqualTo(2);
  }
}
