module github.com/netmath/netmath

go 1.26

require (
	github.com/shopspring/decimal v1.6.0 // indirect
	github.com/stretchr/testify v1.11.1 // indirect
	gonum.org/v1/gonum v0.17.0 // indirect
	pgregory.net/rapid v1.3.0 // indirect
)
