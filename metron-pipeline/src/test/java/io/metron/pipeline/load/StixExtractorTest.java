package io.metron.pipeline.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.pipeline.enrich.LookupKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StixExtractorTest {
  private static final String DOCUMENT =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <stix:STIX_Package xmlns:stix="http://stix.mitre.org/stix-1"
          xmlns:cybox="http://cybox.mitre.org/cybox-2"
          xmlns:AddressObj="http://cybox.mitre.org/objects#AddressObject-2"
          xmlns:DomainNameObj="http://cybox.mitre.org/objects#DomainNameObject-1"
          xmlns:HostnameObj="http://cybox.mitre.org/objects#HostnameObject-1"
          xmlns:URIObj="http://cybox.mitre.org/objects#URIObject-2"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="example:pkg-1" version="1.2">
        <stix:Observables cybox_major_version="2" cybox_minor_version="1">
          <cybox:Observable id="example:obs-1"><cybox:Object>
            <cybox:Properties xsi:type="AddressObj:AddressObjectType" category="ipv4-addr">
              <AddressObj:Address_Value condition="Equals" apply_condition="ANY">198.51.100.1##comma##198.51.100.2</AddressObj:Address_Value>
            </cybox:Properties></cybox:Object></cybox:Observable>
          <cybox:Observable id="example:obs-2"><cybox:Object>
            <cybox:Properties xsi:type="AddressObj:AddressObjectType" category="e-mail">
              <AddressObj:Address_Value>bad@example.net</AddressObj:Address_Value>
            </cybox:Properties></cybox:Object></cybox:Observable>
          <cybox:Observable id="example:obs-3"><cybox:Object>
            <cybox:Properties xsi:type="DomainNameObj:DomainNameObjectType" type="FQDN">
              <DomainNameObj:Value>evil.example.org</DomainNameObj:Value>
            </cybox:Properties></cybox:Object></cybox:Observable>
          <cybox:Observable id="example:obs-4"><cybox:Object>
            <cybox:Properties xsi:type="HostnameObj:HostnameObjectType">
              <HostnameObj:Hostname_Value>c2-host</HostnameObj:Hostname_Value>
            </cybox:Properties></cybox:Object></cybox:Observable>
          <cybox:Observable id="example:obs-5"><cybox:Object>
            <cybox:Properties xsi:type="URIObj:URIObjectType">
              <URIObj:Value>http://evil.example.org/x</URIObj:Value>
            </cybox:Properties></cybox:Object></cybox:Observable>
        </stix:Observables>
      </stix:STIX_Package>
      """;

  @Test
  void extractsEachObservableWithMetronsTypes() throws Exception {
    List<TableRow> rows = StixExtractor.create(Map.of()).extract(DOCUMENT);
    assertThat(rows)
        .extracting(TableRow::key)
        .containsExactly(
            new LookupKey("address:IPV_4_ADDR", "198.51.100.1"),
            new LookupKey("address:IPV_4_ADDR", "198.51.100.2"),
            new LookupKey("address:E_MAIL", "bad@example.net"),
            new LookupKey("domain:FQDN", "evil.example.org"),
            new LookupKey("hostname", "c2-host"),
            new LookupKey("uriobjecttype", "http://evil.example.org/x"));
    Map<String, Object> value = rows.getFirst().value();
    assertThat(value)
        .containsEntry("source-type", "STIX")
        .containsEntry("indicator-type", "address:IPV_4_ADDR");
    assertThat((String) value.get("source")).contains("198.51.100.1##comma##198.51.100.2");
  }

  @Test
  void addressCategoriesAndTypeCanBeChosen() throws Exception {
    List<TableRow> rows =
        StixExtractor.create(
                Map.of("stix_address_categories", "E_MAIL", "stix_address_type", "addr"))
            .extract(DOCUMENT);
    assertThat(rows)
        .extracting(TableRow::key)
        .contains(new LookupKey("addr:E_MAIL", "bad@example.net"))
        .noneMatch(k -> k.type().endsWith("IPV_4_ADDR"));
  }

  @Test
  void brokenXmlAndEntitiesAreRefused() throws Exception {
    StixExtractor stix = StixExtractor.create(Map.of());
    assertThatThrownBy(() -> stix.extract("<stix:STIX_Package>"))
        .isInstanceOf(BadRowException.class)
        .hasMessageContaining("not a STIX XML document");
    assertThatThrownBy(
            () ->
                stix.extract(
                    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM"
                        + " \"file:///etc/passwd\">]><x>&e;</x>"))
        .isInstanceOf(BadRowException.class);
    assertThatThrownBy(() -> StixExtractor.create(Map.of("stix_address_categories", "IPV_5")))
        .isInstanceOf(LoadException.class);
  }
}
