package io.metron.pipeline.profile.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.pipeline.profile.FileProfileStore;
import io.metron.pipeline.profile.ProfileMeasurement;
import io.metron.pipeline.profile.ProfilePeriod;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFunctionsTest {
  @TempDir Path dir;
  private static final long MINUTE = 60_000;
  private static final long NOW = 1_000 * 15 * MINUTE + 5 * MINUTE; // 5 minutes into period 1000
  private StellarCompiler compiler;
  private FileProfileStore store;

  @BeforeEach
  void setUp() throws Exception {
    store = new FileProfileStore(dir);
    compiler =
        new StellarCompiler(
            ProfileFunctions.register(
                FunctionRegistry.builtin(),
                store,
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)));
    long d = 15 * MINUTE;
    store.write(
        List.of(
            new ProfileMeasurement("hits", "a", new ProfilePeriod(998, d), List.of(), 3, Map.of()),
            new ProfileMeasurement("hits", "a", new ProfilePeriod(1000, d), List.of(), 5, Map.of()),
            new ProfileMeasurement(
                "hits", "a", new ProfilePeriod(1000, d), List.of("tcp"), 2, Map.of())));
  }

  private Object eval(String expr) {
    return compiler.compile(expr).evaluate(VariableResolver.empty(), StellarContext.empty());
  }

  @Test
  void profileGetReadsThePeriodsThatHaveMeasurements() {
    assertThat(eval("PROFILE_GET('hits', 'a', PROFILE_FIXED(30, 'MINUTES'))"))
        .isEqualTo(List.of(3, 5));
    assertThat(eval("PROFILE_GET('hits', 'a', PROFILE_FIXED(30, 'MINUTES'), ['tcp'])"))
        .isEqualTo(List.of(2));
    assertThat(eval("PROFILE_GET('hits', 'a', PROFILE_FIXED(30, 'MINUTES'), 'tcp')"))
        .isEqualTo(List.of(2));
    assertThat(eval("PROFILE_GET('hits', 'nobody', PROFILE_FIXED(30, 'MINUTES'))"))
        .isEqualTo(List.of());
    assertThat(
            eval(
                "PROFILE_GET('hits', 'a', PROFILE_FIXED(30, 'MINUTES'), [],"
                    + " {'profiler.default.value': 0})"))
        .isEqualTo(List.of(3, 0, 5));
  }

  @Test
  void profileVerboseNamesEachPeriod() {
    Object rows = eval("PROFILE_VERBOSE('hits', 'a', PROFILE_FIXED(10, 'MINUTES'))");
    assertThat(rows)
        .asList()
        .singleElement()
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("period", 1000L)
        .containsEntry("period.start", 1000 * 15 * MINUTE)
        .containsEntry("value", 5);
  }

  @Test
  @SuppressWarnings("unchecked")
  void profileWindowChoosesPeriodsByTheWindowLanguage() {
    assertThat(
            eval(
                "PROFILE_GET('hits', 'a', PROFILE_WINDOW('from 40 minutes ago to 10 minutes"
                    + " ago'))"))
        .isEqualTo(List.of(3));
    assertThat(eval("PROFILE_WINDOW('from 30 minutes ago', " + NOW + ")"))
        .asList()
        .extracting(p -> ((ProfilePeriod) p).period())
        .containsExactly(999L, 1000L);
    assertThat(
            eval(
                "PROFILE_WINDOW('from 30 minutes ago', {'profiler.client.period.duration': 10,"
                    + " 'profiler.client.period.duration.units': 'MINUTES'})"))
        .asList()
        .hasSize(3);
    // daily hours of 25, 26 and 27 November 2026: Thanksgiving (the 26th) left out
    String days = "PROFILE_WINDOW('1 hour window every 1 day from 3 days ago";
    List<Object> all = (List<Object>) eval(days + "', 1795867200000L)");
    List<Object> workdays = (List<Object>) eval(days + " excluding holidays:us', 1795867200000L)");
    assertThat(workdays).hasSize(all.size() * 2 / 3).isSubsetOf(all);
    assertThatThrownBy(() -> eval("PROFILE_WINDOW('from 2 days ago excluding holidays:xx')"))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("no holiday rules for country 'xx'");
  }

  @Test
  void theShellProfilerBuildsMeasurementsFromMessages() {
    Object measurements =
        eval(
            "PROFILER_FLUSH(PROFILER_APPLY(['{\"ip\": \"a\", \"t\": 1}', {'ip': 'b', 't': 2},"
                + " {'ip': 'a', 't': 3}], PROFILER_INIT('{\"timestampField\": \"t\", \"profiles\":"
                + " [{\"profile\": \"hits\", \"foreach\": \"ip\", \"init\": {\"n\": \"0\"},"
                + " \"update\": {\"n\": \"n + 1\"}, \"result\": \"n\"}]}')))");
    assertThat(measurements)
        .asList()
        .extracting(m -> ((Map<?, ?>) m).get("entity") + "=" + ((Map<?, ?>) m).get("value"))
        .containsExactly("a=2", "b=1");
    assertThatThrownBy(() -> eval("PROFILER_INIT('{\"profiles\": [{\"profile\": \"x\"}]}')"))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("PROFILER_INIT")
        .hasMessageContaining("foreach");
  }
}
