package match

// The frequency tables of the prefilter (quadfreq.go, pairfreq.go) are
// counted from the corpus in internal/genfreq/corpus.
//go:generate go run ./internal/genfreq
