package mock

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// The scenarios that are not catalog entries. Catalog entries are scenarios
// too, named by their id (see [Scenarios]).
const (
	OK          = "ok"           // a valid Messages response (SSE when the request streams)
	Reset       = "reset"        // the connection is reset (TCP RST) once the request is read
	Refused     = "refused"      // listed for completeness: a running server cannot refuse; use [ClosedURL]
	Hang        = "hang"         // no answer until the client gives up or the server closes
	Slow        = "slow"         // answers like ok after [Config.SlowDelay]
	Stall       = "stall"        // 200 and SSE headers, then silence
	StreamError = "stream-error" // SSE with some text, then an overloaded "event: error"
	TLS         = "tls"          // answers like ok over HTTPS with a self-signed certificate
)

// Scenario describes one way the mock can answer.
type Scenario struct {
	// Name is what Config.Scenario, --scenario and /scenario/<name>/ take.
	Name string `json:"name"`
	// Description says, in English, what a client sees.
	Description string `json:"description"`
	// ID is the catalog entry a client sees: the entry itself for a
	// catalog scenario, the entry a fault produces for a fault (reset and
	// refused: connection-failed), empty for ok and slow.
	ID catalog.ID `json:"id,omitempty"`
	// Status is the HTTP status the scenario answers with; 0 when it sends no
	// HTTP response at all (reset, hang).
	Status int `json:"status"`
	// Servable is false for scenarios a running server cannot produce
	// (refused, and entries whose only triggers are refused connections or
	// DNS failures). [New] rejects them.
	Servable bool `json:"servable"`
}

// behaviour is how a scenario answers one request.
type behaviour int

const (
	doOK behaviour = iota
	doReset
	doHang
	doSlow
	doStall
	doStreamError
	doHTTPError  // status, headers and error body of a trigger
	doStreamTrig // 200, SSE, then event: error of a trigger
	doNone       // not servable
)

// scenario is a resolved scenario: its public description and how to answer.
type scenario struct {
	Scenario
	do      behaviour
	trigger *catalog.Trigger // for doHTTPError and doStreamTrig
	tls     bool             // needs an HTTPS listener
}

var faults = []scenario{
	{Scenario{Name: OK, Description: "a valid Messages response; SSE when the request sets \"stream\": true", Status: 200, Servable: true}, doOK, nil, false},
	{Scenario{Name: Reset, ID: catalog.ConnectionFailed, Description: "reads the request, then resets the connection (TCP RST)", Servable: true}, doReset, nil, false},
	{Scenario{Name: Refused, ID: catalog.ConnectionFailed, Description: "cannot be served by a running server: point the client at a closed port instead"}, doNone, nil, false},
	{Scenario{Name: Hang, ID: catalog.RequestTimeout, Description: "never answers; holds the request until the client gives up", Servable: true}, doHang, nil, false},
	{Scenario{Name: Slow, Description: "answers like ok after a delay (--slow, default 1s)", Status: 200, Servable: true}, doSlow, nil, false},
	{Scenario{Name: Stall, ID: catalog.RequestTimeout, Description: "sends 200 and SSE headers, then nothing more", Status: 200, Servable: true}, doStall, nil, false},
	{Scenario{Name: StreamError, ID: catalog.Overloaded, Description: "streams some text, then an overloaded_error event mid-stream", Status: 200, Servable: true}, doStreamError, nil, false},
	{Scenario{Name: TLS, ID: catalog.TLSCertificate, Description: "answers like ok over HTTPS with a self-signed certificate", Status: 200, Servable: true}, doOK, nil, true},
}

// scenarioSet is every scenario known for one catalog.
type scenarioSet struct {
	list   []scenario
	byName map[string]*scenario
}

// newScenarioSet builds the fault scenarios followed by one scenario per
// catalog entry that has a trigger other than a local condition.
func newScenarioSet(entries []*catalog.Entry) *scenarioSet {
	s := &scenarioSet{byName: map[string]*scenario{}}
	s.list = append(s.list, faults...)
	for _, e := range entries {
		if !e.Served() {
			continue
		}
		s.list = append(s.list, entryScenario(e))
	}
	for i := range s.list {
		s.byName[s.list[i].Name] = &s.list[i]
	}
	return s
}

// entryScenario picks the trigger an entry's scenario serves: the first
// trigger a running server can produce. Refused connections and DNS failures
// are skipped, since no server can answer with them.
func entryScenario(e *catalog.Entry) scenario {
	sc := scenario{Scenario: Scenario{Name: string(e.ID), ID: e.ID, Description: e.In(catalog.English).Title}, do: doNone}
	var skipped []string
	for i := range e.Triggers {
		t := &e.Triggers[i]
		switch t.Kind {
		case catalog.TriggerHTTP:
			sc.do, sc.trigger, sc.Status = doHTTPError, t, t.Status
		case catalog.TriggerStream:
			sc.do, sc.trigger, sc.Status = doStreamTrig, t, http.StatusOK
		case catalog.TriggerFault:
			switch t.Fault {
			case catalog.FaultReset:
				sc.do = doReset
			case catalog.FaultHang:
				sc.do = doHang
			case catalog.FaultSelfSigned:
				sc.do, sc.tls, sc.Status = doOK, true, http.StatusOK
			default:
				skipped = append(skipped, t.Fault)
				continue
			}
			sc.trigger = t
		default:
			continue
		}
		break
	}
	sc.Servable = sc.do != doNone
	if sc.Description == "" {
		sc.Description = string(e.ID)
	}
	if !sc.Servable {
		sc.Description = fmt.Sprintf("%s (only %s: not servable, use a closed port)", sc.Description, strings.Join(skipped, ", "))
	}
	return sc
}

// Scenarios lists every scenario of the embedded catalog: ok and the faults
// first, then one per catalog entry that a server or network can reproduce,
// in catalog order. The result is a fresh slice; it is nil only if the
// embedded catalog cannot be loaded.
func Scenarios() []Scenario {
	set, err := defaultSet()
	if err != nil {
		return nil
	}
	out := make([]Scenario, len(set.list))
	for i, sc := range set.list {
		out[i] = sc.Scenario
	}
	return out
}

// parse resolves a scenario name or a comma-separated sequence of names.
// The empty string means ok.
func (s *scenarioSet) parse(spec string) ([]*scenario, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		spec = OK
	}
	var seq []*scenario
	for _, name := range strings.Split(spec, ",") {
		name = strings.TrimSpace(name)
		sc, ok := s.byName[name]
		if !ok {
			return nil, fmt.Errorf("mock: unknown scenario %q; valid scenarios: %s", name, strings.Join(s.names(), ", "))
		}
		if !sc.Servable {
			return nil, fmt.Errorf("mock: scenario %q cannot be served by a running server: point the client at a closed port (mock.ClosedURL) to get a refused connection", name)
		}
		seq = append(seq, sc)
	}
	return seq, nil
}

func (s *scenarioSet) names() []string {
	var names []string
	for _, sc := range s.list {
		if sc.Servable {
			names = append(names, sc.Name)
		}
	}
	return names
}

// needsTLS reports whether any scenario of the sequence needs HTTPS.
func needsTLS(seq []*scenario) bool {
	return slices.ContainsFunc(seq, func(sc *scenario) bool { return sc.tls })
}
