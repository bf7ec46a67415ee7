package ui

// PingText is `ccerr ping`'s words. (Filled in as ping's renderer moves
// here.)
type PingText struct{}

var pingEN = PingText{}

var pingZH = PingText{}
