module example.com/needscgo

go 1.26

require example.com/cgodep v0.0.0

replace example.com/cgodep => ./cgodep
