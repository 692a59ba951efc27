// A program that carries its build path on purpose, the two ways a trimmed
// binary usually does: an -ldflags -X value (main.built) and a //go:embed
// of a generated file (origin.txt, which the test rewrites to hold the
// directory it builds in).
package main

import (
	_ "embed"
	"fmt"
)

var built = "unset"

//go:embed origin.txt
var origin string

func main() {
	fmt.Println("built in", built)
	fmt.Print("origin: ", origin)
}
