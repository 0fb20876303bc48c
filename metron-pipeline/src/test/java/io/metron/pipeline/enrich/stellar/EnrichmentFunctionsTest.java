package io.metron.pipeline.enrich.stellar;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pipeline.enrich.EnrichmentLookup;
import io.metron.pipeline.enrich.LookupKey;
import io.metron.pipeline.enrich.geo.GeoDatabase;
import io.metron.pipeline.enrich.geo.GeoTestDatabases;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.VariableResolver;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichmentFunctionsTest {
  @TempDir Path dir;
  private GeoDatabase geo;
  private StellarCompiler compiler;

  @BeforeEach
  void setUp() throws Exception {
    geo = GeoDatabase.open(GeoTestDatabases.maxmind(dir));
    EnrichmentLookup tables =
        EnrichmentLookup.of(
            Map.of(new LookupKey("malicious_ip", "203.0.113.9"), Map.of("source", "abuse.ch")));
    compiler =
        new StellarCompiler(
            FunctionRegistry.builtin().withAll(EnrichmentFunctions.of(geo, tables)));
  }

  @AfterEach
  void tearDown() throws Exception {
    geo.close();
  }

  private Object eval(String expression) {
    return compiler
        .compile(expression)
        .evaluate(VariableResolver.of(Map.of("ip", "203.0.113.9")), StellarContext.empty());
  }

  @Test
  void asnGetReadsTheDatabaseTheGlobalConfigNames() throws Exception {
    Path asn = GeoTestDatabases.asn(dir);
    StellarContext context =
        StellarContext.builder()
            .globalConfig(Map.of(EnrichmentFunctions.ASN_KEY, asn.toString()))
            .build();
    java.util.function.Function<String, Object> asnEval =
        expression ->
            compiler
                .compile(expression)
                .evaluate(VariableResolver.of(Map.of("ip", "203.0.113.9")), context);
    assertThat(asnEval.apply("ASN_GET(ip)"))
        .isEqualTo(
            Map.of(
                "network", "203.0.113.0/24",
                "autonomous_system_number", 64500,
                "autonomous_system_organization", "Example Transit"));
    assertThat(asnEval.apply("ASN_GET(ip, ['autonomous_system_number'])")).isEqualTo(64500);
    assertThat(asnEval.apply("ASN_GET(ip, ['network', 'autonomous_system_organization'])"))
        .isEqualTo(
            Map.of(
                "network", "203.0.113.0/24", "autonomous_system_organization", "Example Transit"));
    assertThat(asnEval.apply("ASN_GET('10.0.0.1')")).isEqualTo(Map.of());
    assertThat(asnEval.apply("ASN_GET('198.51.100.1', ['network'])")).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> eval("ASN_GET(ip)"))
        .hasMessageContaining("ASN_GET: no ASN database: set asn.hdfs.file");
  }

  @Test
  void geoGetReturnsAllFieldsOneFieldOrSeveral() {
    assertThat(eval("GEO_GET(ip)"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("city", "Springfield")
        .containsEntry("location_point", "37.2153,-93.2982");
    assertThat(eval("GEO_GET(ip, ['country'])")).isEqualTo("US");
    assertThat(eval("GEO_GET(ip, ['country', 'dmaCode'])"))
        .isEqualTo(Map.of("country", "US", "dmaCode", "619"));
    assertThat(eval("GEO_GET('10.1.1.1')")).isEqualTo(Map.of());
    assertThat(eval("GEO_GET('10.1.1.1', ['country'])")).isNull();
    assertThat(eval("GEO_GET(missing)")).isNull();
  }

  @Test
  void enrichmentGetAndExistsReadTheTables() {
    assertThat(eval("ENRICHMENT_EXISTS('malicious_ip', ip, 'threatintel', 't')")).isEqualTo(true);
    assertThat(eval("ENRICHMENT_EXISTS('malicious_ip', '1.2.3.4', 'threatintel', 't')"))
        .isEqualTo(false);
    assertThat(eval("ENRICHMENT_GET('malicious_ip', ip, 'threatintel', 't')"))
        .isEqualTo(Map.of("source", "abuse.ch"));
    assertThat(eval("ENRICHMENT_GET('malicious_ip', '1.2.3.4', 'threatintel', 't')"))
        .isEqualTo(Map.of());
    assertThat(eval("ENRICHMENT_EXISTS('malicious_ip', missing, 'threatintel', 't')"))
        .isEqualTo(false);
  }
}
