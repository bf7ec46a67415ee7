package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
)

// logsSize is the size of the synthetic logs of the corpus.
const logsSize = 320 << 10

// Words the synthetic logs draw names and messages from.
var (
	services = []string{"api-gateway", "billing", "search-indexer", "auth", "thumbnailer", "scheduler", "webhooks", "ledger"}
	paths    = []string{"/v1/items", "/v1/users/me", "/healthz", "/v2/orders", "/static/app.js", "/graphql", "/metrics", "/login", "/v1/search"}
	methods  = []string{"GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH"}
	pkgs     = []string{"left-pad", "lodash", "react-dom", "typescript", "eslint", "vite", "webpack", "chalk", "zod", "express", "yaml", "semver"}
	pyPkgs   = []string{"numpy", "requests", "pandas", "urllib3", "certifi", "pydantic", "fastapi", "uvicorn", "pytest"}
	debPkgs  = []string{"libssl3", "libc6", "python3-minimal", "openssh-client", "curl", "git", "libxml2", "zlib1g", "ca-certificates", "tzdata"}
	goPkgs   = []string{"parser", "lexer", "store", "cache", "server", "config", "router", "worker", "codec"}
	jsFuncs  = []string{"processTicksAndRejections", "Module._compile", "Object.<anonymous>", "async Promise.all", "listOnTimeout", "Socket.emit", "readableAddChunk"}
	hosts    = []string{"web-1", "web-2", "db-primary", "cache-0", "ci-runner-7", "laptop"}
	units    = []string{"nginx.service", "docker.service", "sshd.service", "cron.service", "systemd-resolved.service"}
	verbs    = []string{"started", "stopped", "reloaded", "finished", "skipped", "queued"}
	sentence = []string{
		"the worker picked up a new batch and wrote the results to disk",
		"cache warmed in the background while the first requests were served",
		"configuration reloaded after the file changed on disk",
		"a slow query was logged for later review",
		"the job will be tried again at the next scheduled run",
		"disk usage is above the soft threshold on the data volume",
		"user session refreshed with a new cookie",
		"migration applied; schema version is now current",
		"upstream connection reset by peer while reading the response headers",
		"retrying upload of part 7 after a network timeout on the upstream",
		"rate limit reached for the package mirror, backing off for a while",
		"certificate for the internal registry expires in 12 days",
		"missing configuration key, continuing with the default value",
		"could not resolve host name of the metrics endpoint; will try again",
		"health check failed: upstream unavailable, marking the instance as unhealthy",
		"the request exceeded the maximum body size and was rejected",
		"please contact the on-call engineer if the queue keeps growing",
		"connection pool exhausted, currently waiting for a free connection",
		"request timed out after 30 seconds while waiting for the database",
		"server overloaded, shedding low-priority traffic",
		"quota reached for the free plan; upgrade to continue",
		"token refreshed for the service account; previous one has expired",
		"network unreachable on interface eth1, routing through eth0",
		"file too large to preview, download it instead",
		"permission denied while opening the socket; check the group membership",
		"conversation archived by the retention policy",
		"the computer went to sleep; resuming the sync",
		"invalid input in field email, validation failed",
	}
)

// syntheticLogs returns about n bytes of log lines in the styles of several
// programs: web server access logs, JSON application logs, syslog and
// systemd, package managers (npm, pip, apt), go test, containers, git and
// stack traces, from a fixed seed.
func syntheticLogs(n int) []byte {
	r := rand.New(rand.NewPCG(2026, 12))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		ts := fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+i/40000%12, 1+i/1500%28, i/60%24, i%60, (i*7)%60, r.IntN(1000))
		switch r.IntN(14) {
		case 0:
			fmt.Fprintf(&b, "10.%d.%d.%d - - [%02d/Nov/2026:%02d:%02d:%02d +0000] \"%s %s HTTP/1.1\" %d %d \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"\n",
				r.IntN(255), r.IntN(255), r.IntN(255), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), pick(methods), pick(paths), []int{200, 200, 200, 204, 301, 304, 404}[r.IntN(7)], r.IntN(90000))
		case 1:
			fmt.Fprintf(&b, `{"time":"%s","level":"%s","service":"%s","msg":"%s","duration_ms":%d,"trace_id":"%016x"}`+"\n",
				ts, []string{"info", "info", "debug", "warn"}[r.IntN(4)], pick(services), pick(sentence), r.IntN(3000), r.Uint64())
		case 2:
			fmt.Fprintf(&b, "Nov %2d %02d:%02d:%02d %s systemd[1]: %s %s.\n", 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), pick(hosts), []string{"Started", "Stopping", "Reloaded", "Finished"}[r.IntN(4)], pick(units))
		case 3:
			fmt.Fprintf(&b, "%s %s[%d]: %s\n", ts, pick(services), 1000+r.IntN(30000), pick(sentence))
		case 4:
			fmt.Fprintf(&b, "npm %s %s@%d.%d.%d: %s\n", []string{"WARN", "notice", "http fetch"}[r.IntN(3)], pick(pkgs), r.IntN(20), r.IntN(30), r.IntN(10),
				[]string{"this version is no longer maintained", "added to the lockfile", "GET 200 https://registry.npmjs.org/" + pick(pkgs), "peer dependency satisfied"}[r.IntN(4)])
		case 5:
			fmt.Fprintf(&b, "Collecting %s>=%d.%d\n  Downloading %s-%d.%d.%d-py3-none-any.whl (%d kB)\n", pick(pyPkgs), r.IntN(3), r.IntN(20), pick(pyPkgs), r.IntN(3), r.IntN(30), r.IntN(10), 10+r.IntN(900))
		case 6:
			p := pick(debPkgs)
			fmt.Fprintf(&b, "Get:%d http://deb.debian.org/debian bookworm/main amd64 %s amd64 %d.%d-%d [%d kB]\nSetting up %s (%d.%d-%d) ...\n", 1+r.IntN(80), p, r.IntN(4), r.IntN(20), 1+r.IntN(5), 20+r.IntN(3000), p, r.IntN(4), r.IntN(20), 1+r.IntN(5))
		case 7:
			pk := pick(goPkgs)
			fmt.Fprintf(&b, "=== RUN   Test%s%d\n--- PASS: Test%s%d (0.%02ds)\nok  \texample.com/app/%s\t0.%03ds\n", pk, i%50, pk, i%50, r.IntN(100), pk, r.IntN(1000))
		case 8:
			fmt.Fprintf(&b, "TypeError: Cannot read properties of undefined (reading '%s')\n    at %s (node:internal/process/task_queues:%d:%d)\n    at %s (/srv/app/dist/index.js:%d:%d)\n",
				[]string{"length", "map", "id", "then"}[r.IntN(4)], pick(jsFuncs), r.IntN(200), r.IntN(40), pick(jsFuncs), r.IntN(9000), r.IntN(80))
		case 9:
			fmt.Fprintf(&b, "#%d [%s %d/%d] RUN %s\n#%d DONE %d.%ds\n", i%40, pick(services), 1+r.IntN(9), 10, []string{"go build ./...", "npm ci", "pip install -r requirements.txt", "apt-get update"}[r.IntN(4)], i%40, r.IntN(90), r.IntN(10))
		case 10:
			fmt.Fprintf(&b, "[%s %07x] %s\n %d files changed, %d insertions(+), %d deletions(-)\n", []string{"main", "fix/cache", "feature/search"}[r.IntN(3)], r.IntN(1<<28), pick(sentence), 1+r.IntN(12), r.IntN(400), r.IntN(200))
		case 11:
			fmt.Fprintf(&b, "pod/%s-%x-%x %d/%d Running %d %dm\n", pick(services), r.IntN(1<<20), r.IntN(1<<16), 1, 1, r.IntN(4), r.IntN(600))
		case 12:
			fmt.Fprintf(&b, "Exception in thread \"main\" java.lang.IllegalStateException: %s\n\tat com.example.%s.%s(%s.java:%d)\n", pick(sentence), pick(goPkgs), []string{"run", "apply", "handle"}[r.IntN(3)], "Main", r.IntN(500))
		default:
			fmt.Fprintf(&b, "%s INFO  [%s] job %s %s in %dms\n", ts, pick(services), pick(goPkgs), pick(verbs), r.IntN(5000))
		}
	}
	return b.Bytes()
}
