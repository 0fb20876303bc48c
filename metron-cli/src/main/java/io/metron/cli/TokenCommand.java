package io.metron.cli;

import io.metron.server.ApiServer;
import io.metron.server.auth.TokenStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metron token}: API tokens for scripts and tools, sent as {@code Authorization: Bearer}.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Manages REST API tokens (kept hashed in <data>/auth/tokens.json). A token acts as its",
      "user, with that user's roles; the secret is printed once, at creation.",
      "",
      "Examples:",
      "  metron token create --user alice --name grafana",
      "  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/api/v1/user",
      "  metron token list",
      "  metron token revoke 1a2b3c4d",
    },
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.ListTokens.class,
      TokenCommand.Revoke.class
    })
final class TokenCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  static TokenStore tokens(Locations locations) {
    return new TokenStore(ApiServer.authDir(locations.data));
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a token.")
  static final class Create implements Callable<Integer> {
    @Mixin Locations locations;

    @Option(
        names = "--user",
        paramLabel = "NAME",
        defaultValue = "admin",
        description = "The token's user. Default: ${DEFAULT-VALUE}.")
    String user;

    @Option(
        names = "--name",
        paramLabel = "TEXT",
        defaultValue = "cli",
        description = "What the token is for. Default: ${DEFAULT-VALUE}.")
    String name;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (UserCommand.users(locations).find(user).isEmpty()) {
        throw new UserException(
            "no user '"
                + user
                + "' in "
                + ApiServer.authDir(locations.data)
                + " (see 'metron user list')");
      }
      String token = tokens(locations).create(user, name, System.currentTimeMillis());
      String id = token.substring(4, token.indexOf('_', 4));
      UserCommand.audit(locations)
          .record(
              UserCommand.actor(),
              "token.create",
              "token:" + id,
              null,
              Map.of("user", user, "name", name),
              null);
      PrintWriter out = spec.commandLine().getOut();
      out.println(token);
      out.flush();
      spec.commandLine().getErr().println("Token " + id + " for '" + user + "' (shown this once).");
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists tokens (not secrets).")
  static final class ListTokens implements Callable<Integer> {
    @Mixin Locations locations;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (TokenStore.Token t : tokens(locations).list()) {
        out.println(
            t.id() + "  " + t.user() + "  " + t.name() + "  " + Instant.ofEpochMilli(t.created()));
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token by id.")
  static final class Revoke implements Callable<Integer> {
    @Mixin Locations locations;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!tokens(locations).revoke(id)) {
        throw new UserException("no token with id " + id + " (see 'metron token list')");
      }
      UserCommand.audit(locations)
          .record(UserCommand.actor(), "token.revoke", "token:" + id, null, null, null);
      spec.commandLine().getOut().println("Revoked token " + id);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
