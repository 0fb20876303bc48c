package io.metron.hadoop;

import io.metron.search.archive.ArchiveStorage;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Opens archives on any scheme Hadoop has a FileSystem class for. The Hadoop configuration comes
 * from the usual place: {@code core-site.xml} and {@code hdfs-site.xml} on the classpath, or the
 * directory in {@code HADOOP_CONF_DIR}.
 */
public final class HadoopStorageProvider implements ArchiveStorage.Provider {
  @Override
  public boolean handles(String scheme) {
    if (scheme.equals("file")) {
      return false; // a local directory is the built-in storage
    }
    try {
      FileSystem.getFileSystemClass(scheme, configuration());
      return true;
    } catch (IOException unknownScheme) {
      return false;
    }
  }

  @Override
  public ArchiveStorage open(URI root) throws IOException {
    return HadoopArchiveStorage.open(root, configuration());
  }

  static Configuration configuration() {
    Configuration conf = new Configuration();
    String dir = System.getenv("HADOOP_CONF_DIR");
    if (dir != null) {
      for (String name : new String[] {"core-site.xml", "hdfs-site.xml"}) {
        java.nio.file.Path file = java.nio.file.Path.of(dir, name);
        if (java.nio.file.Files.isRegularFile(file)) {
          conf.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
        }
      }
    }
    return conf;
  }
}
