package io.metron.pipeline.enrich.stellar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectFunctionsTest {
  @TempDir Path dir;

  private final StellarCompiler compiler =
      new StellarCompiler(FunctionRegistry.builtin().withAll(ObjectFunctions.all()));

  private Object eval(String expression, Path path, Map<String, Object> global) {
    return compiler
        .compile(expression)
        .evaluate(
            VariableResolver.of(Map.of("path", path.toString())),
            StellarContext.builder().globalConfig(global).build());
  }

  private static Path write(Path file, Object value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return Files.write(file, bytes.toByteArray());
  }

  @Test
  void objectGetLoadsASerializedSetAndRulesCanTestAgainstIt() throws Exception {
    Path file =
        write(dir.resolve("typosquats.ser"), new TreeSet<>(Set.of("examp1e.com", "gooogle.com")));
    assertThat(eval("'gooogle.com' in OBJECT_GET(path)", file, Map.of())).isEqualTo(true);
    assertThat(eval("'example.com' in ENRICHMENT_OBJECT_GET(path)", file, Map.of()))
        .isEqualTo(false);
    assertThat(eval("OBJECT_GET(null)", file, Map.of())).isNull();
  }

  @Test
  void aChangedFileIsReadAgainAndAnUnchangedOneComesFromTheCache() throws Exception {
    Path file = write(dir.resolve("list.ser"), new ArrayList<>(List.of("a")));
    Object first = eval("OBJECT_GET(path)", file, Map.of());
    assertThat(eval("OBJECT_GET(path)", file, Map.of())).isSameAs(first);
    write(file, new ArrayList<>(List.of("b")));
    Files.setLastModifiedTime(
        file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
    assertThat(eval("OBJECT_GET(path)", file, Map.of())).isEqualTo(List.of("b"));
  }

  @Test
  void filesThatAreMissingTooLargeNotObjectsOrForeignClassesAreClearErrors() throws Exception {
    assertThatThrownBy(() -> eval("OBJECT_GET(path)", dir.resolve("none.ser"), Map.of()))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("OBJECT_GET: no such file: ");
    Path text = Files.writeString(dir.resolve("text.txt"), "not serialized");
    assertThatThrownBy(() -> eval("OBJECT_GET(path)", text, Map.of()))
        .hasMessageContaining("is not a serialized object");
    Path big = write(dir.resolve("big.ser"), new ArrayList<>(List.of("x".repeat(100))));
    assertThatThrownBy(
            () -> eval("OBJECT_GET(path)", big, Map.of("object.cache.max.file.size", 10)))
        .hasMessageContaining("over the limit of 10");
    assertThatThrownBy(
            () ->
                eval(
                    "ENRICHMENT_OBJECT_GET(path)",
                    big,
                    Map.of("enrichment.object.get.settings", Map.of("max.file.size", 10))))
        .hasMessageContaining("ENRICHMENT_OBJECT_GET: ")
        .hasMessageContaining("over the limit of 10");
    Path foreign = write(dir.resolve("foreign.ser"), new java.net.URI("http://x").toURL());
    assertThatThrownBy(() -> eval("OBJECT_GET(path)", foreign, Map.of()))
        .hasMessageContaining("holds a class that may not be loaded");
  }
}
