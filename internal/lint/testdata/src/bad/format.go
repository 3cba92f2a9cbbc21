package bad

import (
	"errors"
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

var errBad = errors.New("bad")

func formatted(v decimal.Decimal, p *decimal.Decimal) error {
	_ = fmt.Sprintf("%s", v)          // want format
	_ = fmt.Sprint(p)                 // want format
	_ = fmt.Sprintf("%v", (v))        // want format
	_ = fmt.Sprintf("%s", v.String()) // want format
	_ = fmt.Sprintf("%s", dec.Show(v))
	_ = fmt.Sprintf("%d", v.Exponent())
	//lint:format-ok validated to at most 34 digits and |exponent| < 10^4 above
	_ = fmt.Sprintf("%s", v)
	return fmt.Errorf("%w: %s", errBad, v) // want format
}
