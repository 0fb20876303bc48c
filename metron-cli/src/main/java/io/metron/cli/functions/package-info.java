/**
 * The Stellar functions only the {@code metron} program can provide, because they need its files or
 * its terminal: {@link io.metron.cli.functions.FileFunctions} ({@code LOCAL_*}, {@code HDFS_*}),
 * {@link io.metron.cli.functions.ConfigFunctions} ({@code CONFIG_GET}, {@code CONFIG_PUT}) and
 * {@link io.metron.cli.functions.ShellEdit} ({@code SHELL_EDIT}); {@link
 * io.metron.cli.functions.CliFunctions} composes them with every module's into the registry the
 * program runs with.
 */
package io.metron.cli.functions;
