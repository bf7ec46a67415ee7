package ui_test

import (
	"fmt"
	"os"

	"github.com/ccerr/ccerr/internal/ui"
)

func ExampleSanitize() {
	cwd := "/home/me/\x1b]0;owned\x07app\u202e"
	fmt.Printf("%q\n", ui.Sanitize(cwd))
	// Output: "/home/me/app"
}

func ExampleTable() {
	for _, tty := range []bool{true, false} {
		t := &ui.Table{TTY: tty, Header: []string{"ID", "COUNT"}, Align: "lr"}
		t.Row("overloaded", "12")
		t.Row("rate-limited", "3")
		t.Row("a\tforged", "row")
		_ = t.Render(os.Stdout)
	}
	// Output:
	// ID            COUNT
	// overloaded       12
	// rate-limited      3
	// a forged        row
	// overloaded	12
	// rate-limited	3
	// a\tforged	row
}

func ExampleMessages() {
	m := ui.Messages("zh")
	fmt.Println(m.Scan.Skipped, m.Common.Categories.Server)
	// Output: 已跳过 服务端错误
}

func ExampleWriteJSON() {
	_ = ui.WriteJSON(os.Stdout, map[string]string{"message": "<model> is unavailable"})
	// Output:
	// {
	//   "message": "<model> is unavailable"
	// }
}
