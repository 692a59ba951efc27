// Package greet is shared by both commands.
package greet

// Hello greets who.
func Hello(who string) string { return "hello, " + who }
