package metricstest

import "testing"

// The checker must accept well-formed pages and reject each kind of
// mistake, or the tests that rely on it prove nothing.
func TestCheck(t *testing.T) {
	good := []struct{ name, page string }{
		{"empty", ""},
		{"counter", "# HELP a_total Things.\n# TYPE a_total counter\na_total 3\n"},
		{"no help", "# TYPE g gauge\ng -1.5\n"},
		{"labels and escapes", "# HELP c Back\\\\slash and\\nline.\n# TYPE c counter\nc{a=\"x\\\\y\\\"z\\n\",b=\"\"} 1\n"},
		{"empty braces", "# TYPE c counter\nc{} 1\n"},
		{"timestamp", "# TYPE g gauge\ng 1 1700000000000\n"},
		{"special values", "# TYPE g gauge\ng{k=\"1\"} +Inf\ng{k=\"2\"} -Inf\ng{k=\"3\"} NaN\n"},
		{"histogram", "# TYPE h histogram\nh_bucket{le=\"0.1\"} 1\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 3\nh_sum 7.5\nh_count 3\n"},
		{"type only", "# TYPE c counter\n"},
	}
	for _, tc := range good {
		if err := Check(tc.page); err != nil {
			t.Errorf("%s: rejected a good page: %v", tc.name, err)
		}
	}
	bad := []struct{ name, page string }{
		{"no final line feed", "# TYPE c counter\nc 1"},
		{"empty line", "# TYPE c counter\n\nc 1\n"},
		{"other comment", "# just a note\n"},
		{"no type", "c 1\n"},
		{"type after sample", "# TYPE c counter\nc 1\n# HELP c late\n"},
		{"two types", "# TYPE c counter\n# TYPE c gauge\n"},
		{"unknown type", "# TYPE c meter\n"},
		{"bad help escape", "# HELP c a\\tb\n# TYPE c counter\n"},
		{"quote escape in help", "# HELP c a\\\"b\n# TYPE c counter\n"},
		{"bad name", "# TYPE 1c counter\n"},
		{"bad label name", "# TYPE c counter\nc{1a=\"x\"} 1\n"},
		{"unescaped quote", "# TYPE c counter\nc{a=\"x\"y\"} 1\n"},
		{"raw line feed escape missing", "# TYPE c counter\nc{a=\"x\\ty\"} 1\n"},
		{"trailing comma", "# TYPE c counter\nc{a=\"x\",} 1\n"},
		{"label twice", "# TYPE c counter\nc{a=\"x\",a=\"y\"} 1\n"},
		{"unterminated", "# TYPE c counter\nc{a=\"x} 1\n"},
		{"two spaces", "# TYPE c counter\nc  1\n"},
		{"bad value", "# TYPE c counter\nc one\n"},
		{"negative counter", "# TYPE c counter\nc -1\n"},
		{"repeated series", "# TYPE c counter\nc{a=\"x\"} 1\nc{a=\"x\"} 2\n"},
		{"split family", "# TYPE c counter\nc{a=\"x\"} 1\n# TYPE d counter\nd 1\nc{a=\"y\"} 1\n"},
		{"bucket without le", "# TYPE h histogram\nh_bucket 1\n"},
		{"buckets descending", "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"0.1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"},
		{"not cumulative", "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"},
		{"no +Inf", "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n"},
		{"count differs", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n"},
		{"no sum", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\n"},
		{"bare histogram sample", "# TYPE h histogram\nh 1\n"},
		{"vmrange", "# TYPE h histogram\nh_bucket{vmrange=\"1.0e0...1.5e0\"} 1\nh_sum 1\nh_count 1\n"},
	}
	for _, tc := range bad {
		if err := Check(tc.page); err == nil {
			t.Errorf("%s: accepted %q", tc.name, tc.page)
		}
	}
}

func TestMaskRuntime(t *testing.T) {
	page := "# HELP go_goroutines Goroutines.\n# TYPE go_goroutines gauge\ngo_goroutines 7\n" +
		"go_info{version=\"go1.26.0\"} 1\nprocess_resident_memory_bytes 1.2e+07\nccerr_x_total 3\n"
	want := "# HELP go_goroutines Goroutines.\n# TYPE go_goroutines gauge\ngo_goroutines <varies>\n" +
		"go_info{version=\"<go>\"} <varies>\nprocess_resident_memory_bytes <varies>\nccerr_x_total 3\n"
	if got := MaskRuntime(page); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
