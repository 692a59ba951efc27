// Package cgodep is implemented in C: without cgo it has no Go files.
package cgodep

// static int answer(void) { return 42; }
import "C"

// Answer returns 42, computed in C.
func Answer() int { return int(C.answer()) }
