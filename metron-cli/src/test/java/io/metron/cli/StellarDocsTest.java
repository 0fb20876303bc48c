package io.metron.stellar.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.stellar.FunctionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/stellar.md} in step with the descriptors. Run with {@code
 * -Dstellar.docs.write=true} to regenerate it; otherwise the test fails when it is stale.
 */
class StellarDocsTest {

  private static final Path DOC = Path.of("..", "docs", "stellar.md");

  @Test
  void docsStellarMdMatchesTheDescriptors() throws Exception {
    String generated = FunctionDocs.markdown(FunctionRegistry.builtin());
    assertThat(generated)
        .contains("### `DOMAIN_REMOVE_TLD`")
        .contains("| `GEO_GET(ip, fields?)` | metron-pipeline |")
        .contains("## Pending functions");
    if (Boolean.getBoolean("stellar.docs.write")) {
      Files.createDirectories(DOC.getParent());
      Files.writeString(DOC, generated);
    }
    assertThat(Files.readString(DOC))
        .as("docs/stellar.md is stale: rerun with -Dstellar.docs.write=true")
        .isEqualTo(generated);
  }
}
