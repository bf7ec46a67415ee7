package status

import (
	"strings"
	"time"
)

// DefaultURL is the status page Claude Code's documentation points to.
const DefaultURL = "https://status.claude.com"

// Component states, as the Statuspage API spells them.
const (
	Operational         = "operational"
	DegradedPerformance = "degraded_performance"
	PartialOutage       = "partial_outage"
	MajorOutage         = "major_outage"
	UnderMaintenance    = "under_maintenance"
)

// Incident states, as the Statuspage API spells them.
const (
	Investigating = "investigating"
	Identified    = "identified"
	Monitoring    = "monitoring"
	Resolved      = "resolved"
	Postmortem    = "postmortem"
)

// Page names the status page.
type Page struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	URL       string    `json:"url"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Indicator is the page's overall state: none, minor, major or critical,
// with a sentence.
type Indicator struct {
	Indicator   string `json:"indicator"`
	Description string `json:"description"`
}

// Component is one service on the page.
type Component struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	// Group is true for a heading that groups other components.
	Group bool `json:"group"`
}

// Update is one post on an incident.
type Update struct {
	Status    string    `json:"status"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// Incident is one incident, open or resolved.
type Incident struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	// Impact is none, minor, major or critical.
	Impact     string      `json:"impact"`
	CreatedAt  time.Time   `json:"created_at"`
	StartedAt  *time.Time  `json:"started_at"`
	ResolvedAt *time.Time  `json:"resolved_at"`
	Shortlink  string      `json:"shortlink"`
	Components []Component `json:"components"`
	Updates    []Update    `json:"incident_updates"`
}

// Summary is /api/v2/summary.json: the components and the open incidents.
type Summary struct {
	Page       Page        `json:"page"`
	Status     Indicator   `json:"status"`
	Components []Component `json:"components"`
	Incidents  []Incident  `json:"incidents"`
}

// Incidents is /api/v2/incidents.json (the last 50) or
// /api/v2/incidents/unresolved.json.
type Incidents struct {
	Page      Page       `json:"page"`
	Incidents []Incident `json:"incidents"`
}

// Start is when the incident began: started_at when the page gives it,
// else when it was posted.
func (i *Incident) Start() time.Time {
	if i.StartedAt != nil && !i.StartedAt.IsZero() {
		return i.StartedAt.UTC()
	}
	return i.CreatedAt.UTC()
}

// End is when the incident was resolved, or now for an open one.
func (i *Incident) End(now time.Time) time.Time {
	if i.ResolvedAt != nil && !i.ResolvedAt.IsZero() {
		return i.ResolvedAt.UTC()
	}
	return now.UTC()
}

// Open reports whether the incident is not resolved yet.
func (i *Incident) Open() bool {
	return i.Status != Resolved && i.Status != Postmortem && (i.ResolvedAt == nil || i.ResolvedAt.IsZero())
}

// Contains reports whether t falls in the incident's window [Start, End).
func (i *Incident) Contains(t, now time.Time) bool {
	return !t.Before(i.Start()) && t.Before(i.End(now))
}

// relevantNames are the parts of component names that matter to Claude
// Code: the API it calls, Claude Code itself, claude.ai (sign-in,
// subscriptions) and the developer platform (keys, billing).
var relevantNames = []string{"api", "claude code", "claude.ai", "platform", "console"}

// Relevant reports whether a component matters to Claude Code.
func Relevant(c Component) bool {
	name := strings.ToLower(c.Name)
	for _, n := range relevantNames {
		if strings.Contains(name, n) {
			return true
		}
	}
	return false
}

// RelevantComponents keeps the components that matter to Claude Code,
// in the page's order, leaving out group headings.
func RelevantComponents(cs []Component) []Component {
	out := []Component{}
	for _, c := range cs {
		if !c.Group && Relevant(c) {
			out = append(out, c)
		}
	}
	return out
}
