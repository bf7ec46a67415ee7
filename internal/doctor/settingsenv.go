package doctor

// Claude Code applies the "env" object of its settings files as environment
// variables. FACTS does not say which wins when a variable is set in several
// places; our reading, documented in docs/doctor.md, is that the process
// environment wins over every settings file, and among the settings files
// the more specific one wins: project local, then project, then user.

// envBlock returns the "env" object of a settings file, or nil.
func envBlock(cf *configFile) map[string]any {
	m, _ := cf.Data["env"].(map[string]any)
	return m
}

// lookup returns the value Claude Code would see for variable k and where
// it comes from: origin is "" for the process environment, else the label
// of the settings file whose env block sets it. Only string values in an
// env block count; an empty process value counts as unset.
func (r *runner) lookup(k string) (value, origin string) {
	if v := r.proc(k); v != "" {
		return v, ""
	}
	for _, cf := range r.settingsFiles() {
		if v, ok := envBlock(cf)[k].(string); ok && v != "" {
			return v, cf.Label
		}
	}
	return "", ""
}

// origin returns the label of the settings file that supplies k, or "" when
// it comes from the process environment or is unset.
func (r *runner) origin(k string) string {
	_, o := r.lookup(k)
	return o
}

// fromNote is the sentence added to a finding's detail when the value came
// from a settings file's env block; nil otherwise.
func (r *runner) fromNote(k string) Text {
	if o := r.origin(k); o != "" {
		return say(MsgOriginNote, o)
	}
	return nil
}

// fixNote is the sentence added to a fix when the value came from a
// settings file's env block, saying where to change it; nil otherwise.
func (r *runner) fixNote(k string) Text {
	if o := r.origin(k); o != "" {
		return say(MsgOriginFix, k, o)
	}
	return nil
}
