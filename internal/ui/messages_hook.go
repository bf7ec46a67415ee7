package ui

// HookText is what `ccerr hook install` says about the change it makes.
type HookText struct {
	// Entry introduces the settings entry (string: the entry).
	Entry string
	// Present says a ccerr StopFailure hook is there already (string: path).
	Present string
	// DryRun shows the file as it would become (string, string: path, content).
	DryRun string
	// Added says the entry was written (string: path).
	Added string
	// Backup names the copy of the previous file (string: path).
	Backup string
}

var hookEN = HookText{
	Entry:   "The entry:\n%s",
	Present: "A ccerr StopFailure hook is already in %s; nothing changed.\n",
	DryRun:  "%s would become (--dry-run: nothing written):\n%s",
	Added:   "Added to %s.\n",
	Backup:  "The previous file is in %s.\n",
}

var hookZH = HookText{
	Entry:   "要写入的条目：\n%s",
	Present: "%s 里已经有 ccerr 的 StopFailure hook，未做任何修改。\n",
	DryRun:  "%s 将会变成（--dry-run：没有写入任何内容）：\n%s",
	Added:   "已写入 %s。\n",
	Backup:  "原文件保存在 %s。\n",
}
