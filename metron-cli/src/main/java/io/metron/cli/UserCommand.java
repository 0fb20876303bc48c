package io.metron.cli;

import io.metron.server.ApiServer;
import io.metron.server.audit.AuditLog;
import io.metron.server.auth.PasswordHasher;
import io.metron.server.auth.Role;
import io.metron.server.auth.UserStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metron user}: the API's users, in the data directory; works beside a running server. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = {
      "Manages the REST API's users (kept in <data>/auth/users.json with Argon2id hashes).",
      "Passwords are read from the terminal, or from the first line of standard input.",
      "",
      "Examples:",
      "  metron user add alice                 an analyst (role USER)",
      "  metron user add bob --admin           may also change configs",
      "  metron user passwd admin",
      "  metron user list",
    },
    subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.ListUsers.class})
final class UserCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  static UserStore users(Locations locations) {
    return new UserStore(ApiServer.authDir(locations.data), PasswordHasher.standard());
  }

  static AuditLog audit(Locations locations) {
    return AuditLog.in(locations.data, Clock.systemUTC());
  }

  /** Who runs the command, as the audit log records it. */
  static String actor() {
    return "local:" + System.getProperty("user.name", "unknown");
  }

  static String readPassword(String prompt) throws UserException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("%s: ", prompt);
      char[] again = console.readPassword("Again: ");
      if (first == null || again == null || !new String(first).equals(new String(again))) {
        throw new UserException("the two passwords differ");
      }
      return new String(first);
    }
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new UserException("no password on standard input");
      }
      return line;
    } catch (IOException e) {
      throw new UserException("cannot read the password: " + e.getMessage());
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a user.")
  static final class Add implements Callable<Integer> {
    @Mixin Locations locations;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--admin", description = "Give the ADMIN role too (config changes, audit).")
    boolean admin;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String password = readPassword("Password for " + name);
      try {
        UserStore.User user =
            users(locations)
                .add(name, password, admin ? EnumSet.of(Role.ADMIN) : EnumSet.of(Role.USER));
        audit(locations)
            .record(
                actor(),
                "user.add",
                name,
                null,
                Map.of("roles", new TreeSet<>(user.roles())),
                null);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage());
      }
      spec.commandLine().getOut().println("Added user '" + name + "'" + (admin ? " (ADMIN)" : ""));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Sets a password.")
  static final class Passwd implements Callable<Integer> {
    @Mixin Locations locations;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String password = readPassword("New password for " + name);
      try {
        users(locations).setPassword(name, password);
        audit(locations).record(actor(), "user.passwd", name, null, null, null);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage());
      }
      spec.commandLine().getOut().println("Changed the password of '" + name + "'");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users and roles.")
  static final class ListUsers implements Callable<Integer> {
    @Mixin Locations locations;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (UserStore.User u : users(locations).list()) {
        List<String> roles = u.roles().stream().map(Role::name).sorted().toList();
        out.println(u.name() + "  " + String.join(",", roles));
      }
      out.flush();
      return 0;
    }
  }
}
