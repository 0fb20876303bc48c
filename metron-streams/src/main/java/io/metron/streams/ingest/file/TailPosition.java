package io.metron.streams.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * How far a file has been delivered: everything before {@code offset} in the file identified by
 * {@code fileKey} is acknowledged by Kafka. {@code headLength} and {@code headCrc} fingerprint the
 * file's first bytes, so a file truncated and refilled in place (copytruncate) or replaced by one
 * that reuses the inode is recognised as new.
 *
 * @param path the followed path, for people reading the state file
 * @param fileKey the file's identity (device and inode on Linux)
 * @param offset bytes acknowledged
 * @param headLength how many leading bytes the fingerprint covers (at most {@value #HEAD})
 * @param headCrc CRC-32C of those bytes
 */
public record TailPosition(String path, String fileKey, long offset, int headLength, long headCrc) {
  /** Bytes of the file's head that fingerprint it. */
  public static final int HEAD = 512;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a state file; null when it does not exist or cannot be read (logged by the caller). */
  public static TailPosition load(Path stateFile) throws IOException {
    if (!Files.exists(stateFile)) {
      return null;
    }
    JsonNode node = JSON.readTree(stateFile.toFile());
    if (node == null || !node.hasNonNull("fileKey") || !node.hasNonNull("offset")) {
      throw new IOException("state file " + stateFile + " lacks fileKey or offset");
    }
    return new TailPosition(
        node.path("path").asText(),
        node.get("fileKey").asText(),
        node.get("offset").asLong(),
        node.path("headLength").asInt(0),
        node.path("headCrc").asLong(0));
  }

  /**
   * Writes the state file atomically: a temporary file beside it, forced to disk, then renamed over
   * it, so a crash leaves either the old position or the new one, never a torn file.
   */
  public void save(Path stateFile) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("path", path);
    node.put("fileKey", fileKey);
    node.put("offset", offset);
    node.put("headLength", headLength);
    node.put("headCrc", headCrc);
    byte[] bytes = JSON.writeValueAsBytes(node);
    Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(
          tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** CRC-32C of the first {@code length} bytes of a channel, or -1 if it is shorter. */
  static long headCrc(FileChannel ch, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    long pos = 0;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        return -1;
      }
      pos += n;
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.flip());
    return crc.getValue();
  }
}
