package io.metron.core.message;

/**
 * Names of the fields Metron gives a meaning to. Keeping them in one place keeps every stage, the
 * search index and the UI agreeing on spelling, which Metron users' queries depend on.
 */
public final class MessageFields {
  public static final String GUID = "guid";
  public static final String TIMESTAMP = "timestamp";
  public static final String ORIGINAL_STRING = "original_string";
  public static final String SOURCE_TYPE = "source.type";
  public static final String SRC_ADDR = "ip_src_addr";
  public static final String SRC_PORT = "ip_src_port";
  public static final String DST_ADDR = "ip_dst_addr";
  public static final String DST_PORT = "ip_dst_port";
  public static final String PROTOCOL = "protocol";
  public static final String IS_ALERT = "is_alert";
  public static final String THREAT_SCORE = "threat.triage.score";
  public static final String ALERT_STATUS = "alert_status";
  public static final String COMMENTS = "comments";
  public static final String METAALERTS = "metaalerts";
  public static final String INCLUDES_REVERSE_TRAFFIC = "includes_reverse_traffic";

  /** The {@code source.type} of error messages; they are indexed under this sensor name. */
  public static final String ERROR_SOURCE_TYPE = "error";

  private MessageFields() {}
}
