TITLE comments and raw blocks in odd places
: a ':' comment
? a '?' comment
COMMENT text on the keyword line
more text
  ENDCOMMENT and the rest of the END line
NEURON {
    SUFFIX cmt : after a statement
}
VERBATIM
static int counter; /* top-level C */
ENDVERBATIM
ASSIGNED { x }
INITIAL {
    COMMENT
    inside a code block
    ENDCOMMENT
    x = 1 ? after a statement
VERBATIM /* on the keyword line */
    counter++;
ENDVERBATIM
}
