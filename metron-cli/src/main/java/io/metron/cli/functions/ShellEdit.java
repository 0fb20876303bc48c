package io.metron.cli.functions;

import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * {@code SHELL_EDIT}: opens the user's editor ({@code $EDITOR}, else {@code $VISUAL}, else {@code
 * vi}) on a temporary file holding the argument and returns what was saved, as Metron's REPL did —
 * the way to write a long config or expression. It needs the terminal: from {@code -e}, {@code
 * --batch}, a pipe or a running pipeline it is an error saying so.
 */
public final class ShellEdit {
  private final BooleanSupplier interactive;
  private final Function<String, String> environment;

  /**
   * @param interactive whether an editor can take the terminal now
   * @param environment the environment variables ({@code System::getenv})
   */
  public ShellEdit(BooleanSupplier interactive, Function<String, String> environment) {
    this.interactive = interactive;
    this.environment = environment;
  }

  /** The editor to run: $EDITOR, $VISUAL or vi. */
  String editor() {
    for (String name : new String[] {"EDITOR", "VISUAL"}) {
      String value = environment.apply(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return "vi";
  }

  public StellarFunction function() {
    return StellarFunction.of(
        FunctionDescriptor.builder("SHELL_EDIT")
            .optional("string", "String", "the text to start from")
            .returns("String: the text as saved in the editor")
            .description(
                "Opens $EDITOR in the interactive shell on the given text and returns the edited"
                    + " text.")
            .nondeterministic()
            .build(),
        (args, context) -> {
          if (!interactive.getAsBoolean()) {
            throw new StellarException(
                "SHELL_EDIT needs the interactive shell on a terminal (run metron stellar without"
                    + " -e or --batch): it opens $EDITOR there");
          }
          Object start = args.isEmpty() ? null : args.get(0);
          Path file = null;
          try {
            file = Files.createTempFile("metron-shell-edit", ".txt");
            Files.writeString(file, start == null ? "" : start.toString(), StandardCharsets.UTF_8);
            // Through sh, so $EDITOR may carry options, as shells allow.
            Process editor =
                new ProcessBuilder("sh", "-c", editor() + " \"$1\"", "sh", file.toString())
                    .inheritIO()
                    .start();
            int status = editor.waitFor();
            if (status != 0) {
              throw new StellarException(
                  "SHELL_EDIT: the editor '" + editor() + "' exited with status " + status);
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
          } catch (IOException e) {
            throw new StellarException(
                "SHELL_EDIT: cannot run the editor '" + editor() + "': " + e.getMessage());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StellarException("SHELL_EDIT: interrupted");
          } finally {
            if (file != null) {
              try {
                Files.deleteIfExists(file);
              } catch (IOException e) {
                // a temporary file left behind is harmless
              }
            }
          }
        });
  }
}
