package match

// The frequency tables of the prefilter (internal/index/quadfreq.go,
// internal/index/pairfreq.go) are counted from the corpus in
// internal/genfreq/corpus; the default matcher's index (default_gen.go) is
// built from catalog/data with those tables.
//go:generate go run ./internal/genfreq
//go:generate go run ./internal/genmatch
