package io.metron.streams.stellar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import io.metron.stellar.shell.FunctionExamples;
import io.metron.streams.broker.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KAFKA_* functions against a real embedded KRaft broker. */
class KafkaFunctionsIT {
  @TempDir static Path kafkaDir;
  private static EmbeddedKafka broker;
  private static StellarContext context;
  private static final StellarCompiler COMPILER =
      new StellarCompiler(FunctionRegistry.builtin().withAll(KafkaFunctions.all()));

  @BeforeAll
  static void startBroker() throws IOException {
    broker = new EmbeddedKafka(kafkaDir, 0);
    String bootstrap = broker.start();
    // As the REPL does: the global config carries the broker and the function settings.
    context =
        StellarContext.builder()
            .globalConfig(
                Map.of(
                    "bootstrap.servers",
                    bootstrap,
                    KafkaFunctions.MAX_WAIT,
                    10_000,
                    KafkaFunctions.POLL_TIMEOUT,
                    100))
            .build();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static Object eval(String expression) {
    return COMPILER.compile(expression).evaluate(VariableResolver.empty(), context);
  }

  @Test
  void putThenGetReadsOnFromWhereTheLastCallStopped() {
    assertThat(eval("KAFKA_PUT('get-topic', ['one', 'two', 'three'])")).isEqualTo(3);
    String config = "{'group.id': 'get-test', 'auto.offset.reset': 'earliest'}";
    assertThat(eval("KAFKA_GET('get-topic', 2, " + config + ")")).isEqualTo(List.of("one", "two"));
    assertThat(eval("KAFKA_GET('get-topic', 1, " + config + ")")).isEqualTo(List.of("three"));
  }

  @Test
  void theRichViewCarriesTopicPartitionOffsetAndKey() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> written =
        (List<Map<String, Object>>)
            eval("KAFKA_PUT('rich-topic', 'hello', {'stellar.kafka.message.view': 'rich'})");
    assertThat(written).hasSize(1);
    assertThat(written.getFirst()).containsEntry("topic", "rich-topic").containsEntry("offset", 0L);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> read =
        (List<Map<String, Object>>)
            eval(
                "KAFKA_GET('rich-topic', 1, {'group.id': 'rich', 'auto.offset.reset': 'earliest',"
                    + " 'stellar.kafka.message.view': 'rich'})");
    assertThat(read.getFirst())
        .containsEntry("value", "hello")
        .containsEntry("partition", 0)
        .containsEntry("offset", 0L)
        .containsKey("timestamp")
        .containsEntry("key", null);
    assertThat(eval("KAFKA_SEEK('rich-topic', 0, 0)")).isEqualTo("hello");
    assertThat(eval("KAFKA_SEEK('rich-topic', 0, 5, {'stellar.kafka.max.wait.millis': 500})"))
        .isNull();
    assertThatThrownBy(() -> eval("KAFKA_SEEK('rich-topic', 3, 0)"))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("has no partition 3");
  }

  @Test
  void tailAndFindSeeOnlyWhatArrivesAfterTheyStart() throws Exception {
    eval("KAFKA_PUT('tail-topic', ['{\"n\": 0, \"old\": true}'])");
    CompletableFuture<Object> tail =
        CompletableFuture.supplyAsync(() -> eval("KAFKA_TAIL('tail-topic', 1)"));
    CompletableFuture<Object> find =
        CompletableFuture.supplyAsync(
            () -> eval("KAFKA_FIND('tail-topic', m -> MAP_GET('n', m) == 2)"));
    // Keep writing until both have what they wait for; bounded so a failure cannot hang.
    for (int i = 1; i <= 200 && !(tail.isDone() && find.isDone()); i++) {
      eval("KAFKA_PUT('tail-topic', ['{\"n\": " + (i % 2 == 0 ? 2 : 1) + "}'])");
      Thread.sleep(50);
    }
    @SuppressWarnings("unchecked")
    List<String> tailed = (List<String>) tail.get(20, TimeUnit.SECONDS);
    assertThat(tailed).hasSize(1).first().asString().doesNotContain("old");
    assertThat(find.get(20, TimeUnit.SECONDS)).isEqualTo(List.of("{\"n\": 2}"));
  }

  @Test
  void propsShowTheMergedPropertiesAndTheExamplesHold() {
    assertThat(eval("MAP_GET('bootstrap.servers', KAFKA_PROPS())"))
        .isEqualTo(broker.bootstrapServers());
    assertThat(
            FunctionExamples.failures(
                FunctionRegistry.builtin().withAll(KafkaFunctions.all()),
                d -> d.name().startsWith("KAFKA_"),
                StellarContext.empty()))
        .isEmpty();
  }

  @Test
  void aMissingTopicOrBrokerIsAClearError() {
    assertThatThrownBy(
            () ->
                eval(
                    "KAFKA_GET('t', 1, {'bootstrap.servers': '127.0.0.1:1',"
                        + " 'stellar.kafka.max.wait.millis': 300})"))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("KAFKA_GET: no answer from Kafka at 127.0.0.1:1");
    assertThatThrownBy(() -> eval("KAFKA_GET('t', 0)")).hasMessageContaining("count must be");
  }
}
