package io.metron.stellar.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

/**
 * The terminal REPL around a {@link StellarShell}: line editing, persistent history and tab
 * completion of function names, variables and magics. Ctrl-C abandons the current line; Ctrl-D,
 * {@code quit} or {@code exit} end the session.
 */
public final class InteractiveShell {

  static final String PROMPT = "[Stellar]>>> ";

  private final StellarShell shell;

  public InteractiveShell(StellarShell shell) {
    this.shell = shell;
  }

  /** Runs on the process's terminal, with history in {@code ~/.metron_stellar_history}. */
  public void run() throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      Path history = Path.of(System.getProperty("user.home"), ".metron_stellar_history");
      loop(terminal, history);
    }
  }

  /** Runs on the given streams (a dumb terminal), with history in {@code history} if not null. */
  public void run(InputStream in, OutputStream out, Path history) throws IOException {
    try (Terminal terminal = new DumbTerminal(in, out)) {
      loop(terminal, history);
    }
  }

  private void loop(Terminal terminal, Path history) {
    LineReaderBuilder builder =
        LineReaderBuilder.builder().terminal(terminal).appName("stellar").completer(completer());
    if (history != null) {
      builder.variable(LineReader.HISTORY_FILE, history);
    }
    LineReader reader = builder.build();
    PrintWriter out = terminal.writer();
    out.println("Stellar, Metron's expression language. Try %functions, %doc FN, or 1 + 1.");
    out.flush();
    while (true) {
      String line;
      try {
        line = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      StellarShell.Result result = shell.execute(line);
      if (!result.output().isEmpty()) {
        out.println(result.output());
        out.flush();
      }
      if (result.quit()) {
        break;
      }
    }
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      out.println("[!] could not save history: " + e.getMessage());
    }
    out.flush();
  }

  private Completer completer() {
    return (LineReader reader, ParsedLine line, List<Candidate> candidates) -> {
      for (String name : shell.completions()) {
        candidates.add(new Candidate(name, name, null, null, null, null, !name.endsWith("(")));
      }
    };
  }
}
