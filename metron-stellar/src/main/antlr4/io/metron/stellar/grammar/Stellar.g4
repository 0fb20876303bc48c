// The Stellar expression language, written for Metron.
//
// The accepted language is a superset of Apache Metron 0.7.2's Stellar: every expression Metron
// accepts parses here with the same meaning. Precedence, lowest first:
//   lambda, if-then-else, match        (lambda bodies and branches extend as far as possible)
//   c ? a : b                           (right-associative)
//   and / or                            (one level, right-associative, as in Metron)
//   in / not in                         (right-associative)
//   == != < <= > >=                     (left-associative)
//   + -                                 (left-associative)
//   * /                                 (left-associative)
//   unary -, not
//   literals, calls, variables, (…), […], {…}, exists(x)
// Operator chains are written as loops, not recursion, so long chains do not deepen the parser stack.
grammar Stellar;

program : expression? EOF ;

expression
  : lambdaParams LAMBDA_OP expression                                     # lambda
  | IF expression THEN expression ELSE expression                         # ifThenElse
  | MATCH LBRACE (matchClause COMMA)* DEFAULT MATCH_ACTION expression RBRACE # match
  | ternary                                                               # ternaryExpr
  ;

lambdaParams
  : LPAREN (IDENTIFIER (COMMA IDENTIFIER)*)? RPAREN
  | IDENTIFIER
  ;

matchClause : matchCondition MATCH_ACTION expression ;

// Metron allows an if-then-else as a clause's condition, as well as any logical expression
matchCondition
  : IF expression THEN expression ELSE expression                         # matchIf
  | ternary                                                               # matchTernary
  ;

ternary : logical (QUESTION expression COLON expression)? ;

logical : membership (logicalOp membership)* ;
logicalOp : AND | OR ;

membership : comparison (membershipOp comparison)* ;
membershipOp : IN | NIN ;

comparison : additive (compOp additive)* ;
compOp : EQ | NEQ | LT | LTE | GT | GTE ;

additive : multiplicative ((PLUS | MINUS) multiplicative)* ;

multiplicative : unary ((MUL | DIV) unary)* ;

unary
  : MINUS unary        # negate
  | NOT unary          # not
  | primary            # primaryExpr
  ;

primary
  : INT_LITERAL                                         # intLiteral
  | LONG_LITERAL                                        # longLiteral
  | FLOAT_LITERAL                                       # floatLiteral
  | DOUBLE_LITERAL                                      # doubleLiteral
  | NAN                                                 # nanLiteral
  | STRING_LITERAL                                      # stringLiteral
  | (TRUE | FALSE)                                      # booleanLiteral
  | NULL                                                # nullLiteral
  | EXISTS LPAREN IDENTIFIER RPAREN                     # exists
  | IDENTIFIER LPAREN (expression (COMMA expression)*)? RPAREN # call
  | IDENTIFIER                                          # variable
  | LPAREN expression RPAREN                            # parens
  | LBRACKET (expression (COMMA expression)*)? RBRACKET # listLiteral
  | LBRACE (mapEntry (COMMA mapEntry)*)? RBRACE         # mapLiteral
  ;

mapEntry : logical COLON expression ;

// ---- lexer ----
NIN : ('not' | 'NOT') [ \t]+ ('in' | 'IN') ;
IN : 'in' | 'IN' ;
LAMBDA_OP : '->' ;
MATCH_ACTION : '=>' ;
COMMA : ',' ;
AND : 'and' | '&&' | 'AND' ;
OR : 'or' | '||' | 'OR' ;
NOT : 'not' | 'NOT' ;
TRUE : 'true' | 'TRUE' ;
FALSE : 'false' | 'FALSE' ;
EQ : '==' ;
NEQ : '!=' ;
LTE : '<=' ;
GTE : '>=' ;
LT : '<' ;
GT : '>' ;
QUESTION : '?' ;
COLON : ':' ;
IF : 'IF' | 'if' ;
THEN : 'THEN' | 'then' ;
ELSE : 'ELSE' | 'else' ;
NULL : 'null' | 'NULL' ;
NAN : 'NaN' ;
MATCH : 'match' | 'MATCH' ;
DEFAULT : 'default' | 'DEFAULT' ;
EXISTS : 'exists' | 'EXISTS' ;
MINUS : '-' ;
PLUS : '+' ;
DIV : '/' ;
MUL : '*' ;
LBRACE : '{' ;
RBRACE : '}' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
LPAREN : '(' ;
RPAREN : ')' ;

DOUBLE_LITERAL
  : INT '.' DIGIT* EXPONENT? [dD]?
  | '.' DIGIT+ EXPONENT? [dD]?
  | INT EXPONENT [dD]?
  | INT [dD]
  ;
FLOAT_LITERAL
  : INT '.' DIGIT* EXPONENT? [fF]
  | '.' DIGIT+ EXPONENT? [fF]
  | INT EXPONENT? [fF]
  ;
LONG_LITERAL : INT [lL] ;
INT_LITERAL : INT ;

IDENTIFIER : [a-zA-Z_$] ([a-zA-Z_.:0-9]* [a-zA-Z_.0-9])? ;

STRING_LITERAL
  : '\'' (~['\\] | ESCAPE)* '\''
  | '"' (~["\\] | ESCAPE)* '"'
  ;

COMMENT : '//' ~[\n]* -> skip ;
WS : [ \r\t\u000C\n]+ -> skip ;

fragment INT : '0' | [1-9] DIGIT* ;
fragment DIGIT : [0-9] ;
fragment EXPONENT : [eE] [+-]? DIGIT+ ;
fragment ESCAPE : '\\' (['"\\/bfnrt] | 'u' HEX HEX HEX HEX) ;
fragment HEX : [0-9a-fA-F] ;
