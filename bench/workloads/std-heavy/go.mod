module example.com/stdheavy

go 1.22
