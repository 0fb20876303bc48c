package io.metron.streams.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class HecBatchTest {

  private static HecBatch parse(String body) throws HecBatch.Rejected {
    return HecBatch.parse(body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void readsConcatenatedEnvelopesKeepingObjectEventsByteForByte() throws Exception {
    String object = "{ \"src_ip\" : \"10.0.0.1\",\"nested\": {\"a\": [1, 2 ]} }";
    HecBatch batch =
        parse(
            "{\"event\": \"<13>Jan  1 00:00:00 host app: hi\", \"time\": 1714557600.123}\n"
                + "{\"event\": "
                + object
                + ", \"host\": \"fw1\", \"sourcetype\": \"suricata\"}"
                + "{\"event\":[1,2]}");
    List<HecBatch.Event> events = batch.events();
    assertThat(events).hasSize(3);
    assertThat(text(events.get(0).value())).isEqualTo("<13>Jan  1 00:00:00 host app: hi");
    assertThat(text(events.get(0).key())).isEqualTo("{\"time\":1714557600.123}");
    assertThat(text(events.get(1).value())).isEqualTo(object);
    assertThat(text(events.get(1).key()))
        .isEqualTo("{\"host\":\"fw1\",\"sourcetype\":\"suricata\"}");
    assertThat(text(events.get(2).value())).isEqualTo("[1,2]");
    assertThat(events.get(2).key()).isNull();
  }

  @Test
  void mergesFieldsIntoTheKeyAndTakesQueryDefaults() throws Exception {
    HecBatch batch =
        HecBatch.parse(
            "{\"event\":\"x\",\"index\":\"bro\",\"fields\":{\"dc\":\"eu-1\",\"tags\":[\"a\",\"b\"]}}"
                .getBytes(StandardCharsets.UTF_8),
            Map.of("host", "from-query", "index", "ignored-when-event-has-one"));
    HecBatch.Event e = batch.events().getFirst();
    assertThat(e.index()).isEqualTo("bro");
    assertThat(text(e.key()))
        .isEqualTo(
            "{\"host\":\"from-query\",\"index\":\"bro\",\"dc\":\"eu-1\",\"tags\":[\"a\",\"b\"]}");
  }

  @Test
  void rejectsWithHecCodesAndTheFailingEventNumber() {
    assertRejected("", HecStatus.NO_DATA, -1);
    assertRejected("   \n ", HecStatus.NO_DATA, -1);
    assertRejected("{\"event\":\"ok\"}{\"event\":", HecStatus.INVALID_DATA_FORMAT, 1);
    assertRejected("{\"event\":\"ok\"}[1]", HecStatus.INVALID_DATA_FORMAT, 1);
    assertRejected("{\"event\":\"ok\"}{\"host\":\"h\"}", HecStatus.EVENT_REQUIRED, 1);
    assertRejected("{\"event\":null}", HecStatus.EVENT_REQUIRED, 0);
    assertRejected("{\"event\":\"  \"}", HecStatus.EVENT_BLANK, 0);
    assertRejected("{\"event\":{}}", HecStatus.EVENT_BLANK, 0);
    assertRejected(
        "{\"event\":\"a\"}{\"event\":\"b\"}{\"event\":\"c\",\"fields\":{\"x\":{\"deep\":1}}}",
        HecStatus.INDEXED_FIELDS,
        2);
    assertRejected("{\"event\":\"a\",\"index\":5}", HecStatus.INVALID_DATA_FORMAT, 0);
    assertRejected("not json", HecStatus.INVALID_DATA_FORMAT, 0);
  }

  private static void assertRejected(String body, HecStatus status, int number) {
    assertThatThrownBy(() -> parse(body))
        .as(body)
        .isInstanceOf(HecBatch.Rejected.class)
        .asInstanceOf(InstanceOfAssertFactories.type(HecBatch.Rejected.class))
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(status);
              assertThat(r.eventNumber()).isEqualTo(number);
            });
  }
}
