package io.metron.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorMessageTest {

  @Test
  void parserErrorCarriesMetronsFieldsAndTheRawInput() throws Exception {
    byte[] raw = "{\"broken\": ".getBytes(StandardCharsets.UTF_8);
    Message error =
        ErrorMessage.of(ErrorType.PARSER_ERROR)
            .sensor("bro")
            .cause(new IllegalArgumentException("Unexpected end-of-input"))
            .raw(raw)
            .metadata(Map.of("metron.metadata.topic", "bro"))
            .guid("fixed-guid")
            .toMessage(1_700_000_000_000L, "host1");

    assertThat(error.get("source.type")).isEqualTo("error");
    assertThat(error.get("error_type")).isEqualTo("parser_error");
    assertThat(error.get("failed_sensor_type")).isEqualTo("bro");
    assertThat(error.get("message")).isEqualTo("Unexpected end-of-input");
    assertThat((String) error.get("exception")).contains("IllegalArgumentException");
    assertThat((String) error.get("stack")).contains("ErrorMessageTest");
    assertThat(error.get("raw_message")).isEqualTo("{\"broken\": ");
    assertThat(error.get("timestamp")).isEqualTo(1_700_000_000_000L);
    assertThat(error.get("hostname")).isEqualTo("host1");
    assertThat(error.guid()).isEqualTo("fixed-guid");
    assertThat(error.get("metron.metadata.topic")).isEqualTo("bro");
    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(raw);
    assertThat(error.get("error_hash")).isEqualTo(HexFormat.of().formatHex(sha));
  }

  @Test
  void bytesThatAreNotUtf8AreKeptAsBase64() {
    byte[] raw = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
    Message error = ErrorMessage.of(ErrorType.PARSER_ERROR).raw(raw).toMessage(0, "h");
    assertThat(error.get("raw_message_encoding")).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode((String) error.get("raw_message"))).isEqualTo(raw);
  }

  @Test
  void validationErrorHashesTheFailedFieldsAndListsThem() {
    Message parsed = Message.empty().put("ip_src_addr", "not-an-ip").put("x", 1L);
    Message a =
        ErrorMessage.of(ErrorType.PARSER_INVALID)
            .raw(parsed)
            .errorFields(List.of("ip_src_addr"))
            .toMessage(0, "h");
    Message b =
        ErrorMessage.of(ErrorType.PARSER_INVALID)
            .raw(parsed.copy().put("x", 2L))
            .errorFields(List.of("ip_src_addr"))
            .toMessage(0, "h");
    assertThat(a.get("error_fields")).isEqualTo("ip_src_addr");
    assertThat(a.get("error_hash")).isEqualTo(b.get("error_hash"));
    assertThat(a.get("raw_message")).isEqualTo("{\"ip_src_addr\":\"not-an-ip\",\"x\":1}");
    assertThat(a.guid()).isNotEqualTo(b.guid());
  }

  @Test
  void severalSensorsAreAList() {
    Message error =
        ErrorMessage.of(ErrorType.DEFAULT).sensor("a").sensor("b").message("m").toMessage(0, "h");
    assertThat(error.get("failed_sensor_type")).isEqualTo(List.of("a", "b"));
    assertThat(error.get("message")).isEqualTo("m");
  }
}
