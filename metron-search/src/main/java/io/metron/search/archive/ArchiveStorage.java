package io.metron.search.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Where archive files are kept: a local directory ({@link LocalArchiveStorage}) or, when a provider
 * is on the classpath (the {@code metron-hadoop} module), a Hadoop FileSystem such as {@code
 * hdfs://} or {@code s3a://}, as Metron's HDFS writer wrote. Paths are relative to the archive
 * root, {@code /}-separated; the writer and reader need nothing beyond these operations.
 */
public interface ArchiveStorage extends AutoCloseable {

  /** The full location of {@code path}, for messages (an absolute path or a URI). */
  String describe(String path);

  boolean isDirectory(String path) throws IOException;

  boolean exists(String path) throws IOException;

  /** The names of {@code dir}'s entries, sorted; empty when it does not exist. */
  List<String> list(String dir) throws IOException;

  void createDirectories(String dir) throws IOException;

  /** Creates a new file; fails if one exists. */
  Output create(String path) throws IOException;

  InputStream open(String path) throws IOException;

  /** Renames a file to a name not in use; fails if the rename did not happen. */
  void rename(String from, String to) throws IOException;

  void delete(String path) throws IOException;

  @Override
  default void close() throws IOException {}

  /**
   * A file being written: an output stream whose {@link #close} makes the file durable before
   * closing it (so closing a stream wrapped around it, such as the gzip stream, seals it durably).
   */
  abstract class Output extends FilterOutputStream {
    /** Writes go straight to {@code file}. */
    protected Output(OutputStream file) {
      super(file);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len); // not FilterOutputStream's byte at a time
    }

    /**
     * Whether {@link #sync} makes what was written durable and readable while the file stays open
     * (a local file, HDFS); false for object stores, where a file exists only once closed.
     */
    public abstract boolean syncable();

    /** Makes everything written so far durable and readable (fsync, HDFS hsync). */
    public abstract void sync() throws IOException;

    /** Makes the file durable and closes it; closing twice does nothing. */
    @Override
    public abstract void close() throws IOException;
  }

  /** Opens storage for a URI scheme other than a local file's; found with {@link ServiceLoader}. */
  interface Provider {
    /** Whether this provider opens {@code scheme} (lower case, e.g. "hdfs"). */
    boolean handles(String scheme);

    ArchiveStorage open(URI root) throws IOException;
  }

  /**
   * The storage {@code location} names: a local directory (a path, or a {@code file:} URI), else a
   * URI whose scheme a {@link Provider} on the classpath handles.
   *
   * @throws IOException naming the location when no provider handles its scheme
   */
  static ArchiveStorage at(String location) throws IOException {
    int colon = location.indexOf("://");
    if (colon <= 0) {
      return new LocalArchiveStorage(Path.of(location));
    }
    String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw new IOException("archive " + location + ": not a URI (" + e.getMessage() + ")");
    }
    if (scheme.equals("file")) {
      return new LocalArchiveStorage(Path.of(uri));
    }
    for (Provider provider : ServiceLoader.load(Provider.class)) {
      if (provider.handles(scheme)) {
        return provider.open(uri);
      }
    }
    throw new IOException(
        "archive "
            + location
            + ": "
            + scheme
            + ":// needs the Hadoop client, which this installation does not include (build the"
            + " release with -Phadoop, or put metron-hadoop and its jars in lib/; docs/deploy.md)");
  }
}
