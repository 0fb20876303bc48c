package io.metron.pipeline.enrich;

import static io.metron.pipeline.enrich.StageFixtures.CLOCK;
import static io.metron.pipeline.enrich.StageFixtures.configs;
import static io.metron.pipeline.enrich.StageFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.core.config.ConfigException;
import io.metron.core.message.Message;
import io.metron.pipeline.enrich.geo.GeoDatabase;
import io.metron.pipeline.enrich.geo.GeoLookup;
import io.metron.pipeline.enrich.geo.GeoTestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichmentStageTest {
  @TempDir Path dir;

  private static final String BRO =
      "{\"source.type\":\"bro\",\"guid\":\"g-1\",\"ip_src_addr\":\"10.0.0.5\","
          + "\"ip_dst_addr\":\"203.0.113.9\",\"host\":\"www.example.com\",\"timestamp\":1}";

  private EnrichmentStage stage(String config, String global, GeoLookup geo, EnrichmentLookup t)
      throws IOException, ConfigException {
    return EnrichmentStage.create(
        configs(dir, "bro", config, global), EnrichmentResources.of(geo, t, "test-host"), CLOCK);
  }

  @Test
  void geoAdapterAddsMetronFieldsForEachAddressField() throws Exception {
    try (GeoDatabase geo = GeoDatabase.open(GeoTestDatabases.maxmind(dir))) {
      EnrichmentStage stage =
          stage(
              "{\"enrichment\":{\"fieldMap\":{\"geo\":[\"ip_dst_addr\",\"ip_src_addr\"]}}}",
              null,
              geo,
              EnrichmentLookup.none());
      EnrichmentStage.Outcome out = stage.apply(message(BRO));
      assertThat(out.errors()).isEmpty();
      Message m = out.message();
      assertThat(m.get("enrichments.geo.ip_dst_addr.city")).isEqualTo("Springfield");
      assertThat(m.get("enrichments.geo.ip_dst_addr.country")).isEqualTo("US");
      assertThat(m.get("enrichments.geo.ip_dst_addr.locID")).isEqualTo("4409896");
      assertThat(m.get("enrichments.geo.ip_dst_addr.dmaCode")).isEqualTo("619");
      assertThat(m.get("enrichments.geo.ip_dst_addr.postalCode")).isEqualTo("65801");
      assertThat(m.get("enrichments.geo.ip_dst_addr.latitude")).isEqualTo("37.2153");
      assertThat(m.get("enrichments.geo.ip_dst_addr.longitude")).isEqualTo("-93.2982");
      assertThat(m.get("enrichments.geo.ip_dst_addr.location_point")).isEqualTo("37.2153,-93.2982");
      assertThat(m.fields())
          .noneSatisfy((k, v) -> assertThat(k).startsWith("enrichments.geo.ip_src"));
      assertThat(m.get("adapter.geoadapter.begin.ts")).isEqualTo(Long.toString(StageFixtures.NOW));
      assertThat(m.get("adapter.geoadapter.end.ts")).isEqualTo(Long.toString(StageFixtures.NOW));
      assertThat(m.get("parallelenricher.splitter.begin.ts")).isInstanceOf(String.class);
      assertThat(m.get("parallelenricher.enrich.end.ts")).isInstanceOf(String.class);
    }
  }

  @Test
  void emptyGeoValuesAreDroppedAsMetronsJoinDid() throws Exception {
    try (GeoDatabase geo = GeoDatabase.open(GeoTestDatabases.maxmind(dir))) {
      EnrichmentStage stage =
          stage(
              "{\"enrichment\":{\"fieldMap\":{\"geo\":[\"ip_dst_addr\"]}}}",
              null,
              geo,
              EnrichmentLookup.none());
      Message m =
          stage.enrich(
              message("{\"source.type\":\"bro\",\"ip_dst_addr\":\"198.51.100.3\",\"empty\":\"\"}"));
      assertThat(m.get("enrichments.geo.ip_dst_addr.country")).isEqualTo("GB");
      assertThat(m.has("enrichments.geo.ip_dst_addr.city")).isFalse();
      assertThat(m.fields()).doesNotContainKey("enrichments.geo.ip_dst_addr.city");
      assertThat(m.fields()).doesNotContainKey("empty");
    }
  }

  @Test
  void hostAdapterReadsKnownHostsFromTheGlobalConfig() throws Exception {
    EnrichmentStage stage =
        stage(
            "{\"enrichment\":{\"fieldMap\":{\"host\":[\"ip_src_addr\"]}}}",
            "{\"enrichment.host.known_hosts\":[{\"ip\":\"10.0.0.5\",\"local\":\"YES\","
                + "\"type\":\"webserver\",\"asset_value\":\"important\"}]}",
            GeoLookup.none(),
            EnrichmentLookup.none());
    Message m = stage.enrich(message(BRO));
    assertThat(m.get("enrichments.host.ip_src_addr.known_info.local")).isEqualTo("YES");
    assertThat(m.get("enrichments.host.ip_src_addr.known_info.type")).isEqualTo("webserver");
    assertThat(m.get("enrichments.host.ip_src_addr.known_info.asset_value")).isEqualTo("important");
    assertThat(m.get("adapter.hostfromjsonlistadapter.end.ts")).isNotNull();
  }

  @Test
  void tableAdapterSpreadsEachTypesValues() throws Exception {
    EnrichmentLookup tables =
        EnrichmentLookup.of(
            Map.of(
                new LookupKey("asset", "10.0.0.5"), Map.of("owner", "alice", "criticality", 3L),
                new LookupKey("user", "10.0.0.5"), Map.of("name", "al")));
    EnrichmentStage stage =
        stage(
            "{\"enrichment\":{\"fieldMap\":{\"hbaseEnrichment\":[\"ip_src_addr\",\"ip_dst_addr\"]},"
                + "\"fieldToTypeMap\":{\"ip_src_addr\":[\"asset\",\"user\",\"absent\"]}}}",
            null,
            GeoLookup.none(),
            tables);
    Message m = stage.enrich(message(BRO));
    assertThat(m.get("enrichments.hbaseEnrichment.ip_src_addr.asset.owner")).isEqualTo("alice");
    assertThat(m.get("enrichments.hbaseEnrichment.ip_src_addr.asset.criticality")).isEqualTo(3L);
    assertThat(m.get("enrichments.hbaseEnrichment.ip_src_addr.user.name")).isEqualTo("al");
    assertThat(m.get("adapter.simplehbaseadapter.begin.ts")).isNotNull();
  }

  @Test
  void threatIntelHitMarksAlertAndTriageScoresIt() throws Exception {
    EnrichmentLookup tables =
        EnrichmentLookup.of(Map.of(new LookupKey("malicious_ip", "203.0.113.9"), Map.of()));
    EnrichmentStage stage =
        stage(
            "{\"threatIntel\":{\"fieldMap\":{\"hbaseThreatIntel\":[\"ip_dst_addr\",\"ip_src_addr\"]},"
                + "\"fieldToTypeMap\":{\"ip_dst_addr\":[\"malicious_ip\"],\"ip_src_addr\":[\"malicious_ip\"]},\"triageConfig\":{\"riskLevelRules\":[{\"name\":\"bad"
                + " dst\",\"comment\":\"from intel\","
                + "\"rule\":\"exists(threatintels.hbaseThreatIntel.ip_dst_addr.malicious_ip)\",\"score\":50,\"reason\":\"FORMAT('%s"
                + " is bad', ip_dst_addr)\"},{\"name\":\"never\",\"rule\":\"false\",\"score\":99}],"
                + "\"aggregator\":\"MAX\"}}}",
            null, GeoLookup.none(), tables);
    EnrichmentStage.Outcome out = stage.apply(message(BRO));
    Message m = out.message();
    assertThat(out.errors()).isEmpty();
    assertThat(m.get("threatintels.hbaseThreatIntel.ip_dst_addr.malicious_ip")).isEqualTo("alert");
    assertThat(m.fields())
        .doesNotContainKey("threatintels.hbaseThreatIntel.ip_src_addr.malicious_ip");
    assertThat(m.get("is_alert")).isEqualTo("true");
    assertThat(m.get("threat.triage.score")).isEqualTo(50.0);
    assertThat(m.get("threat.triage.rules.0.name")).isEqualTo("bad dst");
    assertThat(m.get("threat.triage.rules.0.comment")).isEqualTo("from intel");
    assertThat(m.get("threat.triage.rules.0.score")).isEqualTo(50L);
    assertThat(m.get("threat.triage.rules.0.reason")).isEqualTo("203.0.113.9 is bad");
    assertThat(m.fields()).doesNotContainKey("threat.triage.rules.1.name");
    assertThat(m.get("adapter.threatinteladapter.end.ts")).isNotNull();
  }

  @Test
  void messagesWithoutIntelAreNotAlertsAndGetNoScore() throws Exception {
    EnrichmentStage stage =
        stage(
            "{\"threatIntel\":{\"triageConfig\":{\"riskLevelRules\":[{\"rule\":\"true\",\"score\":5}]}}}",
            null,
            GeoLookup.none(),
            EnrichmentLookup.none());
    Message m = stage.enrich(message(BRO));
    assertThat(m.fields()).doesNotContainKeys("is_alert", "threat.triage.score");
    Message flagged = stage.enrich(message(BRO.replace("}", ",\"is_alert\":true}")));
    assertThat(flagged.get("is_alert")).isEqualTo("true");
    assertThat(flagged.get("threat.triage.score")).isEqualTo(5.0);
    Message unflagged = stage.enrich(message(BRO.replace("}", ",\"is_alert\":\"false\"}")));
    assertThat(unflagged.fields()).doesNotContainKeys("is_alert", "threat.triage.score");
  }

  @Test
  void stellarGroupsRunInOrderIndependentlyAndDropNulls() throws Exception {
    EnrichmentStage stage =
        stage(
            "{\"enrichment\":{\"fieldMap\":{\"stellar\":{\"config\":{"
                + "\"ungrouped\":\"TO_UPPER(host)\","
                + "\"grp1\":[\"dom := DOMAIN_REMOVE_TLD(host)\",\"dom_len := LENGTH(dom)\","
                + "\"dom := null\"],"
                + "\"grp2\":{\"sees_grp1\":\"exists(dom_len)\",\"loc\":\"{'a': 1, 'b': 'x'}\","
                + "\"internal\":\"IN_SUBNET(ip_src_addr, '10.0.0.0/8')\"}}}}}}",
            null,
            GeoLookup.none(),
            EnrichmentLookup.none());
    EnrichmentStage.Outcome out = stage.apply(message(BRO));
    assertThat(out.errors()).isEmpty();
    Message m = out.message();
    assertThat(m.get("ungrouped")).isEqualTo("WWW.EXAMPLE.COM");
    assertThat(m.get("dom_len")).isEqualTo(11);
    assertThat(m.fields()).doesNotContainKey("dom");
    assertThat(m.get("sees_grp1")).isEqualTo(false);
    assertThat(m.get("loc.a")).isEqualTo(1);
    assertThat(m.get("loc.b")).isEqualTo("x");
    assertThat(m.fields()).doesNotContainKey("loc");
    assertThat(m.get("internal")).isEqualTo(true);
    assertThat(m.get("adapter.stellaradapter.end.ts")).isNotNull();
  }

  @Test
  void stellarSeesSensorConfigThenGlobalConfig() throws Exception {
    EnrichmentStage stage =
        stage(
            "{\"enrichment\":{\"fieldMap\":{\"stellar\":{\"config\":"
                + "[\"a := from_sensor\",\"b := from_global\"]}},"
                + "\"config\":{\"from_sensor\":\"s\"}}}",
            "{\"from_global\":\"g\"}",
            GeoLookup.none(),
            EnrichmentLookup.none());
    Message m = stage.enrich(message(BRO));
    assertThat(m.get("a")).isEqualTo("s");
    assertThat(m.get("b")).isEqualTo("g");
  }

  @Test
  void threatIntelPhaseSeesEnrichmentResults() throws Exception {
    EnrichmentStage stage =
        stage(
            "{\"enrichment\":{\"fieldMap\":{\"stellar\":{\"config\":{\"x\":\"'hello'\"}}}},\"threatIntel\":{\"fieldMap\":{\"stellar\":{\"config\":{\"y\":\"FORMAT('%s!',"
                + " x)\"}}}}}",
            null, GeoLookup.none(), EnrichmentLookup.none());
    assertThat(stage.enrich(message(BRO)).get("y")).isEqualTo("hello!");
  }

  @Test
  void aFailingAdapterBecomesAnErrorMessageAndTheEventGoesOn() throws Exception {
    EnrichmentLookup broken =
        (type, indicator) -> {
          throw new IllegalStateException("table store unreachable");
        };
    EnrichmentStage stage =
        stage(
            "{\"enrichment\":{\"fieldMap\":{\"hbaseEnrichment\":[\"ip_src_addr\"],"
                + "\"stellar\":{\"config\":{\"ok\":\"'yes'\"}}},"
                + "\"fieldToTypeMap\":{\"ip_src_addr\":[\"asset\"]}},"
                + "\"threatIntel\":{\"fieldMap\":{\"stellar\":{\"config\":{\"bad\":\"1/0\"}}}}}",
            null,
            GeoLookup.none(),
            broken);
    EnrichmentStage.Outcome out = stage.apply(message(BRO));
    assertThat(out.message().get("ok")).isEqualTo("yes");
    assertThat(out.message().get("ip_src_addr")).isEqualTo("10.0.0.5");
    assertThat(out.errors()).hasSize(2);
    Message tableError = out.errors().get(0);
    assertThat(tableError.get("error_type")).isEqualTo("enrichments_error");
    assertThat(tableError.get("source.type")).isEqualTo("error");
    assertThat(tableError.get("failed_sensor_type")).isEqualTo("bro");
    assertThat((String) tableError.get("message"))
        .isEqualTo("ENRICHMENT error with hbaseEnrichment failed: table store unreachable");
    assertThat((String) tableError.get("raw_message"))
        .contains("\"enrichments.hbaseEnrichment.ip_src_addr\":\"10.0.0.5\"");
    assertThat(tableError.get("hostname")).isEqualTo("test-host");
    Message stellarError = out.errors().get(1);
    assertThat(stellarError.get("error_type")).isEqualTo("threatintel_error");
    assertThat((String) stellarError.get("message"))
        .startsWith("THREAT_INTEL error with stellar failed: bad := 1/0");
    // Replaying the same message gives the same error guids, so the index holds each once.
    assertThat(stage.apply(message(BRO)).errors().get(0).guid()).isEqualTo(tableError.guid());
  }

  @Test
  void unknownAdaptersAndBadExpressionsFailTheBuildWithPaths() throws Exception {
    assertThatThrownBy(
            () ->
                stage(
                    "{\"enrichment\":{\"fieldMap\":{\"whois\":[\"ip_src_addr\"],\"stellar\":{\"config\":{\"g\":[\"x"
                        + " := LENGTH(\"]}}}},"
                        + "\"threatIntel\":{\"fieldMap\":{\"geo\":[\"ip_dst_addr\"]},"
                        + "\"triageConfig\":{\"riskLevelRules\":[{\"rule\":\"NO_SUCH_FN(1\",\"score\":1}]}}}",
                    null,
                    GeoLookup.none(),
                    EnrichmentLookup.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("enrichments/bro.json")
        .hasMessageContaining("$.enrichment.fieldMap.whois")
        .hasMessageContaining("unknown adapter 'whois'")
        .hasMessageContaining("$.enrichment.fieldMap.stellar.config.g[0]")
        .hasMessageContaining("$.threatIntel.fieldMap.geo")
        .hasMessageContaining("$.threatIntel.triageConfig.riskLevelRules[0].rule");
  }

  @Test
  void sensorsWithoutConfigPassThroughWithTimings() throws Exception {
    EnrichmentStage stage = stage("{}", null, GeoLookup.none(), EnrichmentLookup.none());
    Message m = stage.enrich(message("{\"source.type\":\"snort\",\"a\":\"b\"}"));
    assertThat(m.get("a")).isEqualTo("b");
    assertThat(m.get("parallelenricher.enrich.end.ts")).isNotNull();
    assertThat(m.fields()).doesNotContainKey("is_alert");
  }
}
