module example.com/withdeps

go 1.26

require (
	example.com/greet v0.0.0
	golang.org/x/text v0.14.0
	rsc.io/quote/v3 v3.1.0
)

require rsc.io/sampler v1.3.0 // indirect

replace example.com/greet => ./greet

replace rsc.io/sampler => rsc.io/sampler v1.3.1
