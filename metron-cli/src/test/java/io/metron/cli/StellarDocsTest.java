package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.cli.functions.CliFunctions;
import io.metron.stellar.shell.FunctionDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/stellar.md} in step with the descriptors of the registry {@code metron} runs
 * with. Run with {@code -Dstellar.docs.write=true} to regenerate it; otherwise the test fails when
 * it is stale.
 */
class StellarDocsTest {

  private static final Path DOC = Path.of("..", "docs", "stellar.md");

  @Test
  void docsStellarMdMatchesTheDescriptors(@TempDir Path dir) throws Exception {
    String generated;
    try (CliFunctions functions =
        CliFunctions.open(dir, dir, Composition.configLoader(), () -> false)) {
      generated = FunctionDocs.markdown(functions.registry(), CliFunctions.DOC_PREFACE);
    }
    assertThat(generated)
        .contains("### `DOMAIN_REMOVE_TLD`")
        .contains("### `GEO_GET`")
        .contains("| `MAAS_GET_ENDPOINT(model_name, model_version?)` | Model as a Service")
        .contains("## Unavailable functions")
        .contains("## Where functions run");
    if (Boolean.getBoolean("stellar.docs.write")) {
      Files.createDirectories(DOC.getParent());
      Files.writeString(DOC, generated);
    }
    assertThat(Files.readString(DOC))
        .as("docs/stellar.md is stale: rerun with -Dstellar.docs.write=true")
        .isEqualTo(generated);
  }
}
