package io.metron.hadoop;

import io.metron.search.archive.ArchiveStorage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * Archive files on a Hadoop FileSystem. On HDFS an open file is synced with {@code hsync} (durable
 * on the DataNodes, and readable up to there by a new reader) and sealed with a rename, which is
 * atomic. An object store (S3A) cannot sync an open file; the writer then seals a file at every
 * flush ({@link Output#syncable()}).
 */
public final class HadoopArchiveStorage implements ArchiveStorage {
  private final FileSystem fs;
  private final Path root;

  private HadoopArchiveStorage(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  /** The archive rooted at {@code root} (e.g. {@code hdfs://namenode:8020/metron/archive}). */
  public static HadoopArchiveStorage open(URI root, Configuration conf) throws IOException {
    // A FileSystem of our own rather than Hadoop's shared cached one: closing the archive then
    // closes its connections, and no other user of the cache sees them closed.
    FileSystem fs = FileSystem.newInstance(root, conf);
    return new HadoopArchiveStorage(fs, fs.makeQualified(new Path(root)));
  }

  private Path resolve(String path) {
    return path.isEmpty() ? root : new Path(root, path);
  }

  @Override
  public String describe(String path) {
    return resolve(path).toString();
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    try {
      return fs.getFileStatus(resolve(path)).isDirectory();
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  @Override
  public boolean exists(String path) throws IOException {
    return fs.exists(resolve(path));
  }

  @Override
  public List<String> list(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    try {
      for (FileStatus status : fs.listStatus(resolve(dir))) {
        names.add(status.getPath().getName());
      }
    } catch (FileNotFoundException e) {
      return List.of();
    }
    names.sort(null);
    return names;
  }

  @Override
  public void createDirectories(String dir) throws IOException {
    if (!fs.mkdirs(resolve(dir))) {
      throw new IOException("cannot create the directory " + describe(dir));
    }
  }

  @Override
  public Output create(String path) throws IOException {
    FSDataOutputStream file = fs.create(resolve(path), false);
    boolean syncable = file.hasCapability(StreamCapabilities.HSYNC);
    return new Output(file) {
      private boolean closed;

      @Override
      public boolean syncable() {
        return syncable;
      }

      @Override
      public void sync() throws IOException {
        if (syncable) {
          file.hsync();
        } else {
          file.flush();
        }
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        try (file) {
          if (syncable) {
            file.hsync();
          }
        }
      }
    };
  }

  @Override
  public InputStream open(String path) throws IOException {
    return fs.open(resolve(path));
  }

  @Override
  public void rename(String from, String to) throws IOException {
    if (!fs.rename(resolve(from), resolve(to))) {
      throw new IOException("cannot rename " + describe(from) + " to " + describe(to));
    }
  }

  @Override
  public void delete(String path) throws IOException {
    if (!fs.delete(resolve(path), false)) {
      throw new IOException("cannot delete " + describe(path));
    }
  }

  @Override
  public void close() throws IOException {
    fs.close();
  }
}
