// NMODL.g4 — the grammar of NMODL, the language of NEURON's .mod files.
//
// One combined grammar: parser rules first, lexer rules at the end. It
// follows what NEURON 8.2's nocmodl accepts (src/nmodl/parse1.ypp and
// lex.lpp), written afresh for ANTLR 4 and a little more lenient where
// leniency costs nothing: LOCAL anywhere in a block, stray semicolons,
// START before or after the units, signed limits, unary plus, if/else/while
// in mixed case, COMMENT blocks anywhere (parser/testdata/lenient.mod).
// The legacy constructs nocmodl 8.2 still reads (PLOT, STEPPED,
// MODEL_LEVEL, MATCH, SENS, FORALL, PARTIAL equations with DEL2 and
// FIRST/LAST boundaries, NAME@n references in DISCRETE blocks) are parsed
// so that such files can be read and printed; code generation refuses them.
//
// Design notes:
//   - Keywords are case-sensitive upper case, except if/else/while, which
//     are accepted in any case.
//   - Units are a parenthesised run of arbitrary tokens, allowed only where
//     NMODL allows them (after a declaration, a number, a FUNCTION header,
//     a formal parameter, in the UNITS block). The builder recovers their
//     text from the source interval between the parentheses.
//   - TITLE runs to the end of its line and is one token.
//   - COMMENT ... ENDCOMMENT and ':' / '?' line comments go to the hidden
//     channel; VERBATIM ... ENDVERBATIM is one token kept as raw text. As in
//     nocmodl, the block ends at the first line whose first word is
//     ENDCOMMENT or ENDVERBATIM, and the rest of that line belongs to it.
//     A unit must close on its own line (nocmodl reads it to the end of
//     the line); the parser package checks that, as newlines are skipped.
//   - The lexer never fails: any other character is an ERRCHAR token that
//     the parser reports as unexpected.
//   - Expression precedence, low to high: || ; && ; comparisons ; + - ;
//     * / ; unary - + ! ; ^ (right associative), as in nocmodl.

grammar NMODL;

// ===========================================================================
// Parser rules

file
    : topItem* EOF
    ;

topItem
    : TITLE                                      # titleItem
    | VERBATIM                                   # verbatimItem
    | INCLUDE STRING                             # includeItem
    | DEFINE NAME INTEGER                        # defineItem
    | unitsOnOff                                 # unitsOnOffItem
    | localStmt                                  # localItem
    | UNITS '{' unitsItem* '}'                   # unitsBlock
    | NEURON '{' neuronStmt* '}'                 # neuronBlock
    | declKind '{' declItem* '}'                 # declBlock
    | proc                                       # procItem
    | PLOT plotVar (',' plotVar)* VS plotVar     # plotItem
    | STEPPED '{' steppedItem* '}'               # steppedBlock
    | MODEL_LEVEL INTEGER                        # modelLevelItem
    | ';'                                        # semiItem
    ;

// Legacy: PLOT a, b[2] VS t.
plotVar
    : name ('[' INTEGER ']')?
    ;

// Legacy: a STEPPED variable takes each of its values in turn.
steppedItem
    : NAME '=' number (',' number)+ unit?
    ;

unitsOnOff
    : UNITSON
    | UNITSOFF
    ;

// ---------------------------------------------------------------------------
// UNITS block

unitsItem
    : unitDef
    | unitsOnOff
    | ';'
    ;

//	(mA) = (milliamp)
//	R = 8.314 (J/mol-degC)
//	FARADAY = (faraday) (coulomb)
//	foot2inch = (foot) -> (inch)
unitDef
    : unit '=' unit                              # unitAlias
    | NAME '=' (number unit | unit ('-' '>')? unit) # unitFactor
    ;

// A units expression: (mV), (/ms), (1/mM-ms), (degC), ().
unit
    : '(' unitToken* ')'
    ;

unitToken
    : ~('(' | ')' | '{' | '}')
    ;

// ---------------------------------------------------------------------------
// NEURON block

neuronStmt
    : mechKind=(SUFFIX | POINT_PROCESS | ARTIFICIAL_CELL) NAME   # mechName
    | USEION NAME (READ nameList)? (WRITE nameList)?
      (VALENCE number)? REPRESENTS_TERM?                          # useIon
    | listKind=(NONSPECIFIC_CURRENT | ELECTRODE_CURRENT | RANGE
      | GLOBAL | POINTER | BBCOREPOINTER | EXTERNAL | SECTION
      | RANDOM) nameList                                          # nameListStmt
    | THREADSAFE nameList?                                        # threadsafeStmt
    | REPRESENTS_TERM                                             # representsStmt
    | unitsOnOff                                                  # neuronUnitsOnOff
    | ';'                                                         # neuronSemi
    ;

nameList
    : NAME (',' NAME)*
    ;

// ---------------------------------------------------------------------------
// Declaration blocks

declKind
    : PARAMETER
    | ASSIGNED
    | STATE
    | CONSTANT
    | INDEPENDENT
    | DEPENDENT
    ;

declItem
    : varDecl
    | unitsOnOff
    | ';'
    ;

//	name[size] = value (units) <lo, hi>
//	name FROM a TO b WITH n START s (units)
//	name[size] FROM a TO b START s (units) <abstol>
varDecl
    : SWEEP? name ('[' arraySize ']')? ('=' number)?
      (FROM number TO number)? (WITH arraySize)?
      (START number)? unit? (START number)? limits?
    ;

limits
    : '<' number (',' number)? '>'
    ;

arraySize
    : INTEGER
    | NAME
    ;

// A literal, possibly signed.
number
    : sign=('-' | '+')? (INTEGER | REAL)
    ;

name
    : NAME
    | PRIME
    ;

// ---------------------------------------------------------------------------
// Procedures, functions and the other code blocks

proc
    : INITIAL block                                               # initialProc
    | BREAKPOINT block                                            # breakpointProc
    | CONSTRUCTOR block                                           # constructorProc
    | DESTRUCTOR block                                            # destructorProc
    | TERMINAL block                                              # terminalProc
    | kind=(DERIVATIVE | DISCRETE | PARTIAL) NAME block           # namedProc
    | kind=(KINETIC | LINEAR | NONLINEAR) NAME solveFor? block    # solverProc
    | kind=(PROCEDURE | FUNCTION) NAME '(' params? ')' unit? block # funcProc
    | FUNCTION_TABLE NAME '(' params? ')' unit?                   # functionTableProc
    | NET_RECEIVE '(' params? ')' block                           # netReceiveProc
    | kind=(BEFORE | AFTER) when=(BREAKPOINT | SOLVE | INITIAL | STEP) block # beforeAfterProc
    ;

solveFor
    : SOLVEFOR NAME (',' NAME)*
    ;

params
    : param (',' param)*
    ;

param
    : name ('[' arraySize ']')? unit?
    ;

// ---------------------------------------------------------------------------
// Statements

block
    : '{' stmt* '}'
    ;

stmt
    : localStmt                                                   # localS
    | PROTECT? varRef '=' expr                                    # assignS
    | '~' reactSide op='<->' reactSide '(' expr ',' expr ')'      # reversibleS
    | '~' reactSide op='<' '<' '(' expr ')'                       # fluxS
    | '~' reactSide op='-' '>' '(' expr ')'                       # forwardS
    | '~' expr '=' expr                                           # linEqS
    | call                                                        # callS
    | ifStmt                                                      # ifS
    | WHILE '(' expr ')' block                                    # whileS
    | FROM NAME '=' expr TO expr (BY expr)? block                 # forS
    | block                                                       # blockS
    | SOLVE NAME (how=(METHOD | STEADYSTATE) NAME)? (IFERROR block)? # solveS
    | TABLE nameList? (DEPEND nameList)? FROM expr TO expr WITH arraySize # tableS
    | CONSERVE reactSide '=' expr                                 # conserveS
    | COMPARTMENT (NAME ',')? expr '{' name* '}'                  # compartmentS
    | LONGITUDINAL_DIFFUSION (NAME ',')? expr '{' name* '}'       # longDiffusionS
    | WATCH watchCond (',' watchCond)*                            # watchS
    | FOR_NETCONS '(' params? ')' block                           # forNetconsS
    | INITIAL block                                               # initialS
    | MUTEXLOCK                                                   # mutexLockS
    | MUTEXUNLOCK                                                 # mutexUnlockS
    | VERBATIM                                                    # verbatimS
    | unitsOnOff                                                  # unitsOnOffS
    | CONDUCTANCE NAME (USEION NAME)?                             # conductanceS
    | LAG name BY NAME                                            # lagS
    | word=(PUTQ | GETQ) name                                     # queueS
    | RESET                                                       # resetS
    | MATCH '{' matchItem+ '}'                                    # matchS
    | SENS varRef (',' varRef)*                                   # sensS
    | FORALL NAME block                                           # forallS
    | '~' PRIME '=' NAME '*' DEL2 '(' NAME ')' '+' NAME            # partialEqS
    | '~' DEL? NAME '[' end=(FIRST | LAST) ']' '=' expr           # partialBoundaryS
    | ';'                                                         # semiS
    ;

// Legacy MATCH items: a state whose initial value is to be found, or a
// boundary condition state(expr) = expr, optionally over an index.
matchItem
    : name ('[' NAME ']')? '(' expr ')' '=' expr
    | name
    ;

localStmt
    : LOCAL localVar (',' localVar)*
    ;

localVar
    : NAME ('[' arraySize ']')?
    ;

ifStmt
    : IF '(' expr ')' block (ELSE (ifStmt | block))?
    ;

// The flag is a number or a DEFINEd name.
watchCond
    : '(' expr ')' (number | NAME)
    ;

// One side of a reaction or CONSERVE: terms like 2A + B[i].
reactSide
    : reactTerm ('+' reactTerm)*
    ;

reactTerm
    : INTEGER? varRef
    ;

// ---------------------------------------------------------------------------
// Expressions

expr
    : primary                                                     # primaryE
    | <assoc = right> expr op='^' expr                            # binaryE
    | op=('-' | '+' | '!') expr                                   # unaryE
    | expr op=('*' | '/') expr                                    # binaryE
    | expr op=('+' | '-') expr                                    # binaryE
    | expr op=('<' | '<=' | '>' | '>=' | '==' | '!=') expr        # binaryE
    | expr op='&&' expr                                           # binaryE
    | expr op='||' expr                                           # binaryE
    ;

primary
    : (INTEGER | REAL) unit?                                      # numberP
    | call                                                        # callP
    | varRef                                                      # varP
    | '(' expr ')'                                                # parenP
    ;

varRef
    : name ('[' expr ']')?
    | NAME '@' INTEGER ('[' expr ']')?       // legacy: a DISCRETE variable n steps back
    ;

call
    : NAME '(' (callArg (',' callArg)*)? ')'
    ;

callArg
    : expr
    | STRING
    ;

// ===========================================================================
// Lexer rules
//
// The Go parser feeds the lexer one character per byte of the file, so
// token offsets are byte offsets and any byte sequence lexes.

// Blocks of raw text. They must come before the keywords so that the
// longer match wins. A block without its END line runs to the end of the
// file (so that lexing stays linear); the parser package reports that.
COMMENT_BLOCK
    : 'COMMENT' COMMENT_REST -> channel(HIDDEN)
    ;

VERBATIM
    : 'VERBATIM' VERBATIM_REST
    ;

LINE_COMMENT
    : [:?] REST_OF_LINE -> channel(HIDDEN)
    ;

TITLE
    : 'TITLE' (~[a-zA-Z0-9_\r\n] REST_OF_LINE)?
    ;

REPRESENTS_TERM
    : 'REPRESENTS' [ \t]* ('[' ONTOLOGY_ID ']' | ONTOLOGY_ID)
    ;

// Keywords.
AFTER                  : 'AFTER' ;
ARTIFICIAL_CELL        : 'ARTIFICIAL_CELL' ;
ASSIGNED               : 'ASSIGNED' ;
BBCOREPOINTER          : 'BBCOREPOINTER' ;
BEFORE                 : 'BEFORE' ;
BREAKPOINT             : 'BREAKPOINT' ;
BY                     : 'BY' ;
COMPARTMENT            : 'COMPARTMENT' ;
CONDUCTANCE            : 'CONDUCTANCE' ;
CONSERVE               : 'CONSERVE' ;
CONSTANT               : 'CONSTANT' ;
CONSTRUCTOR            : 'CONSTRUCTOR' ;
DEFINE                 : 'DEFINE' ;
DEPEND                 : 'DEPEND' ;
DEPENDENT              : 'DEPENDENT' ;
DERIVATIVE             : 'DERIVATIVE' ;
DESTRUCTOR             : 'DESTRUCTOR' ;
DISCRETE               : 'DISCRETE' ;
ELECTRODE_CURRENT      : 'ELECTRODE_CURRENT' ;
EXTERNAL               : 'EXTERNAL' ;
FOR_NETCONS            : 'FOR_NETCONS' ;
FROM                   : 'FROM' ;
FUNCTION               : 'FUNCTION' ;
FUNCTION_TABLE         : 'FUNCTION_TABLE' ;
GETQ                   : 'GETQ' ;
GLOBAL                 : 'GLOBAL' ;
IFERROR                : 'IFERROR' ;
INCLUDE                : 'INCLUDE' ;
INDEPENDENT            : 'INDEPENDENT' ;
INITIAL                : 'INITIAL' ;
KINETIC                : 'KINETIC' ;
LAG                    : 'LAG' ;
LINEAR                 : 'LINEAR' ;
LOCAL                  : 'LOCAL' ;
LONGITUDINAL_DIFFUSION : 'LONGITUDINAL_DIFFUSION' ;
METHOD                 : 'METHOD' ;
MUTEXLOCK              : 'MUTEXLOCK' ;
MUTEXUNLOCK            : 'MUTEXUNLOCK' ;
NET_RECEIVE            : 'NET_RECEIVE' ;
NEURON                 : 'NEURON' ;
NONLINEAR              : 'NONLINEAR' ;
NONSPECIFIC_CURRENT    : 'NONSPECIFIC_CURRENT' ;
PARAMETER              : 'PARAMETER' ;
PARTIAL                : 'PARTIAL' ;
POINTER                : 'POINTER' ;
POINT_PROCESS          : 'POINT_PROCESS' ;
PROCEDURE              : 'PROCEDURE' ;
PROTECT                : 'PROTECT' ;
PUTQ                   : 'PUTQ' ;
RANDOM                 : 'RANDOM' ;
RANGE                  : 'RANGE' ;
READ                   : 'READ' ;
RESET                  : 'RESET' ;
SECTION                : 'SECTION' ;
SOLVE                  : 'SOLVE' ;
SOLVEFOR               : 'SOLVEFOR' ;
START                  : 'START' ;
STATE                  : 'STATE' ;
STEADYSTATE            : 'STEADYSTATE' ;
STEP                   : 'STEP' ;
SUFFIX                 : 'SUFFIX' ;
SWEEP                  : 'SWEEP' ;
TABLE                  : 'TABLE' ;
TERMINAL               : 'TERMINAL' ;
THREADSAFE             : 'THREADSAFE' ;
TO                     : 'TO' ;
UNITS                  : 'UNITS' ;
UNITSOFF               : 'UNITSOFF' ;
UNITSON                : 'UNITSON' ;
USEION                 : 'USEION' ;
VALENCE                : 'VALENCE' | 'CHARGE' ;
WATCH                  : 'WATCH' ;
WITH                   : 'WITH' ;
WRITE                  : 'WRITE' ;

// Legacy keywords, still reserved by nocmodl 8.2.
DEL                    : 'DEL' ;
DEL2                   : 'DEL2' ;
FIRST                  : 'FIRST' ;
FORALL                 : 'FORALL' ;
LAST                   : 'LAST' ;
MATCH                  : 'MATCH' ;
MODEL_LEVEL            : 'MODEL_LEVEL' ;
PLOT                   : 'PLOT' ;
SENS                   : 'SENS' ;
STEPPED                : 'STEPPED' ;
VS                     : 'VS' ;

// if, else and while in any case.
IF    : [iI] [fF] ;
ELSE  : [eE] [lL] [sS] [eE] ;
WHILE : [wW] [hH] [iI] [lL] [eE] ;

// Operators and punctuation.
REACT  : '<->' ;
LE     : '<=' ;
GE     : '>=' ;
EQ     : '==' ;
NE     : '!=' ;
AND    : '&&' ;
OR     : '||' ;
LT     : '<' ;
GT     : '>' ;
NOT    : '!' ;
PLUS   : '+' ;
MINUS  : '-' ;
STAR   : '*' ;
SLASH  : '/' ;
CARET  : '^' ;
ASSIGN : '=' ;
TILDE  : '~' ;
AT     : '@' ;
COMMA  : ',' ;
SEMI   : ';' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACE : '{' ;
RBRACE : '}' ;
LBRACK : '[' ;
RBRACK : ']' ;

// A primed name, m' or m'' (a derivative in DERIVATIVE blocks).
PRIME
    : NAME_START NAME_PART* '\''+
    ;

NAME
    : NAME_START NAME_PART*
    ;

REAL
    : DIGIT+ '.' DIGIT* EXPONENT?
    | '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;

INTEGER
    : DIGIT+
    ;

// A string has no escapes and may span lines, as in nocmodl.
STRING
    : '"' ~'"'* '"'
    ;

WS
    : [ \t\f\r\n\u000B]+ -> skip
    ;

// Anything else: reported by the parser as an unexpected character.
ERRCHAR
    : .
    ;

fragment NAME_START : [a-zA-Z_] ;
fragment NAME_PART  : [a-zA-Z0-9_] ;
fragment DIGIT      : [0-9] ;
fragment EXPONENT   : [eE] [+-]? DIGIT+ ;
fragment NL         : '\r\n' | '\r' | '\n' ;
fragment REST_OF_LINE : ~[\r\n]* ;

// What follows COMMENT or VERBATIM: the rest of its line (which must not
// continue the word), whole lines, then the END line: a line whose first
// word is ENDCOMMENT or ENDVERBATIM, as in nocmodl. Without an END line the
// block runs to the end of the file.
fragment COMMENT_REST
    : EOF
    | NL COMMENT_LINES
    | ~[a-zA-Z0-9_\r\n] REST_OF_LINE (EOF | NL COMMENT_LINES)
    ;

fragment COMMENT_LINES
    : (REST_OF_LINE NL)*? ([ \t]* 'ENDCOMMENT' END_LINE_REST (NL | EOF) | REST_OF_LINE EOF)
    ;

fragment VERBATIM_REST
    : EOF
    | NL VERBATIM_LINES
    | ~[a-zA-Z0-9_\r\n] REST_OF_LINE (EOF | NL VERBATIM_LINES)
    ;

fragment VERBATIM_LINES
    : (REST_OF_LINE NL)*? ([ \t]* 'ENDVERBATIM' END_LINE_REST (NL | EOF) | REST_OF_LINE EOF)
    ;

// The rest of an END line; the word must end there. The line ending is
// part of the block token.
fragment END_LINE_REST
    : (~[a-zA-Z\r\n] REST_OF_LINE)?
    ;

fragment ONTOLOGY_ID
    : [a-zA-Z] [a-zA-Z0-9_]* ':' [a-zA-Z0-9_]*
    ;
