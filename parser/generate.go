package parser

// The ANTLR parser for grammar/NMODL.g4 is generated into
// internal/nmodlparser by antlr-ng (pinned), then stamped and gofmt'ed by
// internal/fixgen so that the output is deterministic.

//go:generate npx --yes antlr-ng@1.0.10 -Dlanguage=Go -p nmodlparser -l false -o internal/nmodlparser ../grammar/NMODL.g4
//go:generate go run ./internal/fixgen internal/nmodlparser
