// Command netuser uses net and os/user, which have cgo implementations;
// with CGO_ENABLED=0 Go's pure-Go resolvers are used and the binary is static.
package main

import (
	"fmt"
	"net"
	"os"
	"os/user"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Println("netuser dev")
		return
	}
	addrs, err := net.LookupHost("localhost")
	fmt.Println("localhost:", addrs, err)
	if u, err := user.Current(); err == nil {
		fmt.Println("user:", u.Username)
	}
}
