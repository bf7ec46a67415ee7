package ui

// DoctorText is `ccerr doctor`'s words. (Filled in as the doctor's
// renderer moves here.)
type DoctorText struct{}

var doctorEN = DoctorText{}

var doctorZH = DoctorText{}
