// Package greet is a local module that the withdeps fixture replaces by a directory.
package greet

// Hello returns a greeting for name.
func Hello(name string) string { return "hello, " + name }
