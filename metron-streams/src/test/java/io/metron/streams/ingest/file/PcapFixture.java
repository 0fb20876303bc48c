package io.metron.streams.ingest.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a small classic-pcap capture of made-up traffic for sensors to read: DNS lookups over UDP
 * and complete HTTP exchanges over TCP (handshake, request, response, close), with correct IPv4,
 * UDP and TCP checksums.
 */
final class PcapFixture {
  private static final byte[] CLIENT = {10, 1, 1, 10};
  private static final byte[] SERVER = {10, 2, 2, 20};
  private static final byte[] DNS = {10, 3, 3, 53};

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private long micros = 1_714_557_600_000_000L;

  PcapFixture() {
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    h.putInt(65535).putInt(1); // snaplen, Ethernet
    out.writeBytes(h.array());
  }

  /** Adds one DNS query and its answer. */
  PcapFixture dnsLookup(int id, String name, int clientPort) {
    byte[] question = question(name);
    ByteBuffer q = ByteBuffer.allocate(12 + question.length);
    q.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0);
    q.putShort((short) 0).putShort((short) 0).put(question);
    udp(CLIENT, clientPort, DNS, 53, q.array());
    ByteBuffer a = ByteBuffer.allocate(12 + question.length + 16);
    a.putShort((short) id).putShort((short) 0x8180).putShort((short) 1).putShort((short) 1);
    a.putShort((short) 0).putShort((short) 0).put(question);
    a.putShort((short) 0xc00c).putShort((short) 1).putShort((short) 1).putInt(300);
    a.putShort((short) 4).put(SERVER);
    udp(DNS, 53, CLIENT, clientPort, a.array());
    return this;
  }

  /** Adds a whole HTTP/1.1 exchange on a new TCP connection. */
  PcapFixture httpGet(String uri, String userAgent, int clientPort) {
    String request =
        "GET "
            + uri
            + " HTTP/1.1\r\nHost: www.metron.example\r\nUser-Agent: "
            + userAgent
            + "\r\nAccept: */*\r\n\r\n";
    String body = "<html><body>hello from the fixture</body></html>";
    String response =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
            + body.length()
            + "\r\nServer: fixture\r\n\r\n"
            + body;
    int c = 1000;
    int s = 5000;
    tcp(CLIENT, clientPort, SERVER, 80, c, 0, 0x02, new byte[0]);
    tcp(SERVER, 80, CLIENT, clientPort, s, c + 1, 0x12, new byte[0]);
    c++;
    s++;
    tcp(CLIENT, clientPort, SERVER, 80, c, s, 0x10, new byte[0]);
    byte[] req = request.getBytes(StandardCharsets.US_ASCII);
    tcp(CLIENT, clientPort, SERVER, 80, c, s, 0x18, req);
    c += req.length;
    tcp(SERVER, 80, CLIENT, clientPort, s, c, 0x10, new byte[0]);
    byte[] resp = response.getBytes(StandardCharsets.US_ASCII);
    tcp(SERVER, 80, CLIENT, clientPort, s, c, 0x18, resp);
    s += resp.length;
    tcp(CLIENT, clientPort, SERVER, 80, c, s, 0x10, new byte[0]);
    tcp(CLIENT, clientPort, SERVER, 80, c, s, 0x11, new byte[0]);
    c++;
    tcp(SERVER, 80, CLIENT, clientPort, s, c, 0x11, new byte[0]);
    s++;
    tcp(CLIENT, clientPort, SERVER, 80, c, s, 0x10, new byte[0]);
    return this;
  }

  void write(Path file) throws IOException {
    Files.write(file, out.toByteArray());
  }

  private static byte[] question(String name) {
    ByteArrayOutputStream q = new ByteArrayOutputStream();
    for (String label : name.split("\\.")) {
      q.write(label.length());
      q.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
    }
    q.write(0);
    q.write(0);
    q.write(1); // type A
    q.write(0);
    q.write(1); // class IN
    return q.toByteArray();
  }

  private void udp(byte[] src, int sport, byte[] dst, int dport, byte[] payload) {
    ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
    u.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length));
    u.putShort((short) 0).put(payload);
    byte[] seg = u.array();
    int sum = checksum(pseudo(src, dst, 17, seg.length), seg);
    seg[6] = (byte) (sum >> 8);
    seg[7] = (byte) sum;
    ip(src, dst, 17, seg);
  }

  private void tcp(
      byte[] src, int sport, byte[] dst, int dport, int seq, int ack, int flags, byte[] payload) {
    ByteBuffer t = ByteBuffer.allocate(20 + payload.length);
    t.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(ack);
    t.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0);
    t.putShort((short) 0).put(payload);
    byte[] seg = t.array();
    int sum = checksum(pseudo(src, dst, 6, seg.length), seg);
    seg[16] = (byte) (sum >> 8);
    seg[17] = (byte) sum;
    ip(src, dst, 6, seg);
  }

  private int ipId = 1;

  private void ip(byte[] src, byte[] dst, int protocol, byte[] segment) {
    ByteBuffer ip = ByteBuffer.allocate(20);
    ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + segment.length));
    ip.putShort((short) ipId++).putShort((short) 0x4000).put((byte) 64).put((byte) protocol);
    ip.putShort((short) 0).put(src).put(dst);
    byte[] header = ip.array();
    int sum = checksum(new byte[0], header);
    header[10] = (byte) (sum >> 8);
    header[11] = (byte) sum;
    ByteBuffer frame = ByteBuffer.allocate(14 + 20 + segment.length);
    frame.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1});
    frame.putShort((short) 0x0800).put(header).put(segment);
    byte[] data = frame.array();
    ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    micros += 1500;
    rec.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000));
    rec.putInt(data.length).putInt(data.length);
    out.writeBytes(rec.array());
    out.writeBytes(data);
  }

  private static byte[] pseudo(byte[] src, byte[] dst, int protocol, int length) {
    ByteBuffer p = ByteBuffer.allocate(12);
    p.put(src).put(dst).put((byte) 0).put((byte) protocol).putShort((short) length);
    return p.array();
  }

  private static int checksum(byte[] prefix, byte[] data) {
    long sum = 0;
    byte[] all = new byte[prefix.length + data.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(data, 0, all, prefix.length, data.length);
    for (int i = 0; i < all.length; i += 2) {
      int hi = all[i] & 0xff;
      int lo = i + 1 < all.length ? all[i + 1] & 0xff : 0;
      sum += (hi << 8) | lo;
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }
}
