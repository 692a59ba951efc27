// Command stdheavy is benchmark workload 1: a small program that pulls in a
// large part of the standard library (net/http, crypto/tls, encoding/json,
// text/template), so that a cold build is dominated by compiling std.
package main

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"text/template"
	"time"
)

var version = "dev"

type status struct {
	Version string    `json:"version"`
	Started time.Time `json:"started"`
	TLS     uint16    `json:"tls"`
}

var page = template.Must(template.New("status").Parse(
	"stdheavy {{.Version}} (TLS >= {{.TLS}}) up since {{.Started}}\n"))

func main() {
	st := status{Version: version, Started: time.Now(), TLS: tls.VersionTLS12}
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Println("stdheavy", version)
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/status.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(st)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_ = page.Execute(w, st)
	})
	srv := &http.Server{
		Addr:      ":8443",
		Handler:   mux,
		TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12},
	}
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		fmt.Fprintln(os.Stderr, srv.ListenAndServeTLS("cert.pem", "key.pem"))
		os.Exit(1)
	}
	_ = page.Execute(os.Stdout, st)
}
