// Command server is the first of two main packages.
package main

import (
	"fmt"

	"example.com/twomains/internal/greet"
)

func main() { fmt.Println(greet.Hello("server")) }
