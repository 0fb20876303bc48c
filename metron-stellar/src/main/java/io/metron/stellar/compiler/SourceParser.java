package io.metron.stellar.compiler;

import io.metron.stellar.StellarException;
import io.metron.stellar.grammar.StellarLexer;
import io.metron.stellar.grammar.StellarParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Runs the ANTLR lexer and parser over a source string. Parses in the fast SLL mode first and only
 * falls back to full LL (which also produces the best error message) when SLL gives up. Rejects
 * sources that are too long or nested too deeply before they can exhaust the stack.
 */
public final class SourceParser {

  /** Longest source accepted, in characters. */
  public static final int MAX_SOURCE_LENGTH = 1 << 20;

  /** Deepest bracket nesting accepted. */
  public static final int MAX_BRACKET_DEPTH = 200;

  private static final BaseErrorListener THROWING =
      new BaseErrorListener() {
        @Override
        public void syntaxError(
            Recognizer<?, ?> recognizer,
            Object offendingSymbol,
            int line,
            int charPositionInLine,
            String msg,
            RecognitionException e) {
          String text = msg.replace("'<EOF>'", "the end of the expression");
          throw new StellarException(
              "syntax error at line " + line + ", column " + (charPositionInLine + 1) + ": " + text,
              line,
              charPositionInLine + 1);
        }
      };

  private SourceParser() {}

  /** Parses {@code source}; throws {@link StellarException} with line and column on bad syntax. */
  public static StellarParser.ProgramContext parse(String source) {
    if (source.length() > MAX_SOURCE_LENGTH) {
      throw new StellarException(
          "expression too long: "
              + source.length()
              + " characters, the limit is "
              + MAX_SOURCE_LENGTH);
    }
    StellarLexer lexer = new StellarLexer(CharStreams.fromString(source));
    lexer.removeErrorListeners();
    lexer.addErrorListener(THROWING);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    checkNesting(tokens);

    StellarParser parser = new StellarParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    try {
      return parser.program();
    } catch (ParseCancellationException sllFailed) {
      tokens.seek(0);
      parser.reset();
      parser.addErrorListener(THROWING);
      parser.setErrorHandler(new DefaultErrorStrategy());
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      return parser.program();
    }
  }

  private static void checkNesting(CommonTokenStream tokens) {
    int depth = 0;
    for (Token t : tokens.getTokens()) {
      switch (t.getType()) {
        case StellarLexer.LPAREN, StellarLexer.LBRACKET, StellarLexer.LBRACE -> {
          if (++depth > MAX_BRACKET_DEPTH) {
            throw new StellarException(
                "expression nested too deeply at line "
                    + t.getLine()
                    + ", column "
                    + (t.getCharPositionInLine() + 1)
                    + ": more than "
                    + MAX_BRACKET_DEPTH
                    + " levels of brackets",
                t.getLine(),
                t.getCharPositionInLine() + 1);
          }
        }
        case StellarLexer.RPAREN, StellarLexer.RBRACKET, StellarLexer.RBRACE -> depth--;
        default -> {}
      }
    }
  }
}
