module example.com/buildpath

go 1.22
