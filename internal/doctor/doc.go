// Package doctor checks a machine for the local causes of the runtime errors
// Claude Code documents: which credential wins and whether it is well formed,
// retry and timeout settings, the network path to the API (proxy, DNS, TCP,
// TLS, clock), the size of the memory files and MCP configuration that press
// on the context window, and the installed Claude Code version.
//
// Every check is a function of an [Env]: the environment, home and working
// directory, and seams for the network, the clock and the claude binary, so
// tests run it against prepared folders and loopback servers. [Run] returns
// one [Finding] per thing checked, each with a status, the catalog id of the
// error it predicts (if any) and a fix in the requested language:
//
//	findings := doctor.Run(ctx, doctor.Env{
//		Getenv: os.Getenv,
//		Home:   home,
//		Dir:    dir,
//	}, doctor.Options{Lang: "en", Offline: true})
//	for _, f := range findings {
//		fmt.Println(f.Status, f.Name, f.Detail)
//	}
//
// Secrets never appear in a finding: keys and tokens are shown as a known
// prefix and their last four characters at most (see [redact.Key]).
package doctor
