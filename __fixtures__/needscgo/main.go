// Command needscgo depends on a module that only compiles with cgo.
package main

import (
	"fmt"

	"example.com/cgodep"
)

func main() { fmt.Println(cgodep.Answer()) }
