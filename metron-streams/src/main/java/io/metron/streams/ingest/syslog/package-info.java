/**
 * The syslog edge: RFC 3164 and RFC 5424 messages over UDP and TCP, written unchanged to a sensor
 * topic (the syslog parsers parse them downstream).
 *
 * <ul>
 *   <li>{@link io.metron.streams.ingest.syslog.SyslogSpec}: the {@code udp:PORT:SENSOR} / {@code
 *       tcp:PORT:SENSOR} spec strings of {@code --syslog}.
 *   <li>{@link io.metron.streams.ingest.syslog.UdpSyslogEdge}: one message per datagram, a large
 *       socket receive buffer, and the kernel's drop count for the socket.
 *   <li>{@link io.metron.streams.ingest.syslog.TcpSyslogEdge}: one thread per connection, framed by
 *       {@link io.metron.streams.ingest.syslog.SyslogFrameDecoder} (RFC 6587: octet counting and
 *       newline-terminated, chosen per message).
 *   <li>{@link io.metron.streams.ingest.syslog.KernelUdpDrops}: reads the drops column of {@code
 *       /proc/net/udp}.
 * </ul>
 */
package io.metron.streams.ingest.syslog;
