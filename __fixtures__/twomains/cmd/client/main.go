// Command client is the second of two main packages.
package main

import (
	"fmt"

	"example.com/twomains/internal/greet"
)

func main() { fmt.Println(greet.Hello("client")) }
