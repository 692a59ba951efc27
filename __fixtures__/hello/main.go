// Command hello prints a greeting; with --version it prints its version.
// It imports only package os so that a cold cross-build stays cheap.
package main

import "os"

var version = "dev"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		os.Stdout.WriteString("hello " + version + "\n")
		return
	}
	os.Stdout.WriteString("hello, world\n")
}
