package io.metron.cli.functions;

import io.metron.pipeline.manage.TextTable;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Metron's file functions: {@code LOCAL_LS/READ/READ_LINES/RM/WRITE} on this machine's files, and
 * {@code HDFS_*}, which here work on the same local files (a path without a scheme, or {@code
 * file://}). This version ships no Hadoop client, so an {@code hdfs://} path is a clear error
 * rather than a silent local write. As in Metron, a read or write that fails returns null or false
 * (the REPL user sees why in the log), while a wrong argument is an error.
 */
public final class FileFunctions {
  private FileFunctions() {}

  private static final DateTimeFormatter MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
          .withZone(ZoneId.systemDefault());

  /** The ten functions. */
  public static List<StellarFunction> all() {
    List<StellarFunction> out = new ArrayList<>();
    for (String ns : List.of("LOCAL", "HDFS")) {
      out.add(ls(ns));
      out.add(read(ns));
      out.add(readLines(ns));
      out.add(rm(ns));
      out.add(write(ns));
    }
    return out;
  }

  private static String where(String ns) {
    return ns.equals("LOCAL")
        ? "a local file"
        : "a file (HDFS paths are local files here; hdfs:// needs a Hadoop client)";
  }

  /** The local path {@code value} names, or an error for an hdfs:// (or other) URI. */
  static Path path(String fn, Object value) {
    if (value == null || value.toString().isBlank()) {
      throw new StellarException(fn + ": path is required");
    }
    String text = value.toString();
    int colon = text.indexOf("://");
    if (colon > 0) {
      String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
      if (scheme.equals("file")) {
        return Path.of(URI.create(text));
      }
      throw new StellarException(
          fn
              + ": "
              + text
              + ": "
              + scheme
              + ":// needs a Hadoop client, which this version does"
              + " not include; use a local path (e.g. an HDFS NFS or FUSE mount)");
    }
    return Path.of(text);
  }

  static StellarFunction ls(String ns) {
    String name = ns + "_LS";
    return StellarFunction.of(
        FunctionDescriptor.builder(name)
            .optional(
                "path", "String", "the directory (or file); the working directory when left out")
            .returns("String: a table of permission, owner, group, size, last modified and name")
            .description("Lists " + where(ns) + "'s directory.")
            .nondeterministic()
            .build(),
        (args, context) -> {
          Path dir = args.isEmpty() || args.get(0) == null ? Path.of("") : path(name, args.get(0));
          List<Path> entries = new ArrayList<>();
          try {
            if (Files.isDirectory(dir)) {
              try (Stream<Path> list = Files.list(dir)) {
                list.sorted(Comparator.comparing(Path::toString)).forEach(entries::add);
              }
            } else if (Files.exists(dir)) {
              entries.add(dir);
            } else {
              throw new StellarException(name + ": no such file or directory: " + dir);
            }
          } catch (IOException e) {
            throw new StellarException(name + ": cannot list " + dir + ": " + e.getMessage());
          }
          List<List<String>> rows = new ArrayList<>();
          for (Path p : entries) {
            rows.add(row(p));
          }
          return TextTable.of(
              List.of("PERMISSION", "OWNER", "GROUP", "SIZE", "LAST MOD TIME", "NAME"), rows);
        });
  }

  private static List<String> row(Path p) {
    String permission = "";
    String owner = "";
    String group = "";
    try {
      PosixFileAttributes a =
          Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      permission = (a.isDirectory() ? "d" : "-") + PosixFilePermissions.toString(a.permissions());
      owner = a.owner().getName();
      group = a.group().getName();
    } catch (IOException | UnsupportedOperationException e) {
      permission = Files.isDirectory(p) ? "d" : "-";
    }
    String size;
    String modified;
    try {
      size = String.valueOf(Files.isDirectory(p) ? 0 : Files.size(p));
      modified = MODIFIED.format(Instant.ofEpochMilli(Files.getLastModifiedTime(p).toMillis()));
    } catch (IOException e) {
      size = "";
      modified = "";
    }
    return List.of(permission, owner, group, size, modified, p.getFileName().toString());
  }

  static StellarFunction read(String ns) {
    String name = ns + "_READ";
    return StellarFunction.of(
        FunctionDescriptor.builder(name)
            .param("path", "String", "the file")
            .returns("String: the file's content (UTF-8); null when it cannot be read")
            .description("Reads " + where(ns) + ".")
            .nondeterministic()
            .build(),
        (args, context) -> {
          Path file = path(name, args.get(0));
          try {
            return Files.readString(file, StandardCharsets.UTF_8);
          } catch (IOException e) {
            return null;
          }
        });
  }

  static StellarFunction readLines(String ns) {
    String name = ns + "_READ_LINES";
    return StellarFunction.of(
        FunctionDescriptor.builder(name)
            .param("path", "String", "the file")
            .returns("List: the file's lines (UTF-8); null when it cannot be read")
            .description("Reads the lines of " + where(ns) + ".")
            .nondeterministic()
            .build(),
        (args, context) -> {
          Path file = path(name, args.get(0));
          try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
          } catch (IOException e) {
            return null;
          }
        });
  }

  static StellarFunction rm(String ns) {
    String name = ns + "_RM";
    return StellarFunction.of(
        FunctionDescriptor.builder(name)
            .param("path", "String", "the file or directory")
            .optional("recursive", "Boolean", "whether a directory goes with its content")
            .returns("Boolean: whether it was removed")
            .description("Removes " + where(ns) + " or directory.")
            .nondeterministic()
            .build(),
        (args, context) -> {
          Path target = path(name, args.get(0));
          boolean recursive = args.size() > 1 && Boolean.TRUE.equals(args.get(1));
          try {
            if (recursive && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
              try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                  Files.delete(p);
                }
              }
              return true;
            }
            return Files.deleteIfExists(target);
          } catch (IOException e) {
            return false; // e.g. a directory that is not empty without recursive, as in Metron
          }
        });
  }

  static StellarFunction write(String ns) {
    String name = ns + "_WRITE";
    return StellarFunction.of(
        FunctionDescriptor.builder(name)
            .param("content", "String", "what to write")
            .param("path", "String", "the file, replaced if it exists")
            .returns("Boolean: whether it was written")
            .description("Writes " + where(ns) + ", creating its directory.")
            .nondeterministic()
            .build(),
        (args, context) -> {
          Path file = path(name, args.get(1));
          Object content = args.get(0);
          try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
              Files.createDirectories(parent);
            }
            Files.writeString(
                file, content == null ? "" : content.toString(), StandardCharsets.UTF_8);
            return true;
          } catch (IOException e) {
            return false;
          }
        });
  }
}
