// Command withdeps uses third-party modules (one of them replaced by another
// version) and a local module replaced by a directory, so that its build info
// has dep lines with h1: sums and => lines.
package main

import (
	"fmt"

	"example.com/greet"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"rsc.io/quote/v3"
)

func main() {
	fmt.Println(greet.Hello(cases.Title(language.English).String("gopher")))
	fmt.Println(quote.GoV3())
}
