package metrics

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strconv"
)

// clockTicks is the kernel's USER_HZ, the unit of the CPU times in
// /proc/self/stat; it is 100 on every Linux platform Go runs on.
const clockTicks = 100

// WriteProcess writes the Go runtime series (go_goroutines, go_gomaxprocs,
// go_info and a few go_memstats_ ones) and, where /proc is readable, the
// process series (process_cpu_seconds_total, process_open_fds,
// process_resident_memory_bytes, process_virtual_memory_bytes) to w in the
// text format, with their # HELP and # TYPE lines. Everything is read at
// the time of the call. It makes one Write call and returns its error.
func WriteProcess(w io.Writer) error {
	_, err := w.Write(appendProcess(nil, os.DirFS("/proc/self"), os.Getpagesize()))
	return err
}

// appendProcess appends the runtime series, then the process series read
// from proc (a view of /proc/self) for those of its files that can be
// read and parsed. pageSize is the unit of /proc/self/statm.
func appendProcess(b []byte, proc fs.FS, pageSize int) []byte {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b = appendGauge(b, "go_goroutines", "Goroutines that exist now.", float64(runtime.NumGoroutine()))
	b = appendGauge(b, "go_gomaxprocs", "The Go scheduler's GOMAXPROCS: threads that may run Go code at once.", float64(runtime.GOMAXPROCS(0)))
	b = appendHeader(b, "go_info", "The Go version the program was built with.", kindGauge)
	b = appendSeries(b, "go_info", []string{"version"}, []string{runtime.Version()}, "", "")
	b = appendUintLine(b, 1)
	b = appendGauge(b, "go_memstats_alloc_bytes", "Bytes of heap objects allocated and not yet freed.", float64(ms.HeapAlloc))
	b = appendGauge(b, "go_memstats_heap_inuse_bytes", "Bytes in heap spans in use.", float64(ms.HeapInuse))
	b = appendGauge(b, "go_memstats_sys_bytes", "Bytes of memory obtained from the operating system by the Go runtime.", float64(ms.Sys))

	if st, err := fs.ReadFile(proc, "stat"); err == nil {
		if user, system, ok := parseStatCPU(st); ok {
			b = appendHeader(b, "process_cpu_seconds_total", "User and system CPU time spent, in seconds.", kindCounter)
			b = append(b, "process_cpu_seconds_total"...)
			b = appendFloatLine(b, float64(user+system)/clockTicks)
		}
	}
	if fds, err := fs.ReadDir(proc, "fd"); err == nil {
		b = appendGauge(b, "process_open_fds", "Open file descriptors.", float64(len(fds)))
	}
	if sm, err := fs.ReadFile(proc, "statm"); err == nil {
		if size, resident, ok := parseStatm(sm); ok {
			b = appendGauge(b, "process_resident_memory_bytes", "Resident memory size in bytes.", float64(resident*uint64(pageSize)))
			b = appendGauge(b, "process_virtual_memory_bytes", "Virtual memory size in bytes.", float64(size*uint64(pageSize)))
		}
	}
	return b
}

// appendGauge appends a whole gauge family without labels.
func appendGauge(b []byte, name, help string, v float64) []byte {
	b = appendHeader(b, name, help, kindGauge)
	b = append(b, name...)
	return appendFloatLine(b, v)
}

// parseStatm returns the first two fields of /proc/self/statm: the total
// program size and the resident set size, in pages.
func parseStatm(b []byte) (size, resident uint64, ok bool) {
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0, 0, false
	}
	size, err1 := strconv.ParseUint(string(f[0]), 10, 64)
	resident, err2 := strconv.ParseUint(string(f[1]), 10, 64)
	return size, resident, err1 == nil && err2 == nil
}

// parseStatCPU returns utime and stime, fields 14 and 15 of
// /proc/self/stat, in clock ticks. The second field, the command name in
// parentheses, may hold spaces and parentheses, so fields are counted from
// the last ')'.
func parseStatCPU(b []byte) (user, system uint64, ok bool) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, 0, false
	}
	f := bytes.Fields(b[i+1:]) // f[0] is field 3, the state
	if len(f) < 13 {
		return 0, 0, false
	}
	user, err1 := strconv.ParseUint(string(f[11]), 10, 64)
	system, err2 := strconv.ParseUint(string(f[12]), 10, 64)
	return user, system, err1 == nil && err2 == nil
}
