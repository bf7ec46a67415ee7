// Package status reads Anthropic's public status page, an Atlassian
// Statuspage whose JSON API (v2) lists the components, their state and the
// incidents, and tells whether local failures fall inside an incident's
// window.
//
// A [Client] fetches /api/v2/summary.json, /api/v2/incidents.json and
// /api/v2/incidents/unresolved.json with bounded timeouts and body sizes,
// and keeps each answer for a minute in a cache folder so hooks and status
// lines may call it often. Text from the network is returned as received;
// whoever prints it sanitises it.
package status
