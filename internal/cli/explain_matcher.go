package cli

import "github.com/ccerr/ccerr/match"

// defaultMatcher builds the matcher explain uses; tests may swap it.
var defaultMatcher = func() (hitFinder, error) {
	m, err := match.Default()
	if err != nil {
		return nil, err
	}
	return m, nil
}
