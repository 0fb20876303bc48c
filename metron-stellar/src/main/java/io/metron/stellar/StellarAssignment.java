package io.metron.stellar;

/**
 * The {@code var := expr} form used by list-style enrichment configs and the shell.
 *
 * @param variable the name assigned to
 * @param expression the expression whose value is assigned
 */
public record StellarAssignment(String variable, String expression) {

  /**
   * Splits {@code "dom := DOMAIN_REMOVE_TLD(host)"}. The first {@code :=} outside a string literal
   * separates the two; the variable must be a Stellar identifier.
   *
   * @throws StellarException when there is no {@code :=} or the variable is not an identifier
   */
  public static StellarAssignment parse(String statement) {
    int at = find(statement);
    if (at < 0) {
      throw new StellarException("not an assignment (expected 'name := expression'): " + statement);
    }
    String variable = statement.substring(0, at).trim();
    if (!isIdentifier(variable)) {
      throw new StellarException("invalid variable name '" + variable + "' before ':='");
    }
    return new StellarAssignment(variable, statement.substring(at + 2).trim());
  }

  /** Whether {@code statement} has the {@code name := expression} form. */
  public static boolean isAssignment(String statement) {
    int at = find(statement);
    return at >= 0 && isIdentifier(statement.substring(0, at).trim());
  }

  private static int find(String s) {
    char quote = 0;
    for (int i = 0; i + 1 < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ':' && s.charAt(i + 1) == '=') {
        return i;
      }
    }
    return -1;
  }

  static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char first = s.charAt(0);
    if (!(Character.isLetter(first) && first < 128 || first == '_' || first == '$')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':');
      if (!ok || (i == s.length() - 1 && c == ':')) {
        return false;
      }
    }
    return true;
  }
}
