// Package main does not compile, on purpose: its errors are reported at
// positions whose file names are workflow commands (see //line), so the
// compiler prints lines that a runner would obey if the action logged them
// as they are.
package main

func main() {
//line ::set-output name=x::y.go:1
	undefinedA()
//line ::add-mask::hostile.go:1
	undefinedB()
//line ::error::forged.go:1
	undefinedC()
//line ::stop-commands::X.go:1
	undefinedD()
//line ##[error]v1forged.go:1
	undefinedE()
//line ::warning file=forged.go::forged.go:1
	undefinedF()
}
