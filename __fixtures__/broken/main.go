// Command broken does not compile: it uses an undefined name.
package main

import "fmt"

func main() {
	fmt.Println(undefinedName)
}
