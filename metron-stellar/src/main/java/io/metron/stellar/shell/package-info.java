/**
 * The Stellar tools behind {@code metron stellar}: {@link io.metron.stellar.shell.StellarShell}
 * (the REPL's logic: assignments, magics, documentation; no terminal), {@link
 * io.metron.stellar.shell.InteractiveShell} (the terminal loop with history and tab completion),
 * {@link io.metron.stellar.shell.BatchEvaluator} (the line-by-line JSON protocol of {@code
 * --batch}), {@link io.metron.stellar.shell.FunctionDocs} (the {@code --list} text and {@code
 * docs/stellar.md}) and {@link io.metron.stellar.shell.StellarTool}, the entry points the CLI
 * calls.
 */
package io.metron.stellar.shell;
