/**
 * The {@code metron} program: the one {@code main} ({@link io.metron.cli.Main}) and its
 * subcommands, each a picocli command class. This is the composition root: the only place that
 * picks implementations (which parser, which store, which broker) and wires them together.
 */
package io.metron.cli;
