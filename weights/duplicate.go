package weights

import (
	"slices"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
)

// Identical forecasts.
//
// A forecaster's forecast-implied inference (11)–(14) and its one-out
// recomputations (26)/(29) are functions of its elements alone (the inferers
// it names, in submission order, and their forecasted losses) and of the
// epoch (inferences, previous loss, stored scale), never of its id or its
// regrets. Two forecasters whose elements are identical, element for element
// (the same inferer and a forecasted loss of the same representation), so
// get the same values, representation for representation. A copycat
// forecaster, or forecasters running the same model on the same data (the
// simulator's noise-free EMA forecasters of one smoothing factor), submit
// such forecasts; the fast path computes the values of the first of them
// only and gives the others copies (forecastImpliedAll), and their one-out
// values (29) in the result share the first one's decimals (appendOneOut).
// The plain path, the reference of the tests, computes every forecaster.

// duplicateForecasts returns dup with dup[k] the first forecaster d < k
// whose elements are identical to k's, or −1; nil when no forecast repeats
// an earlier one (or on the plain path, or when the tests turn it off).
// Forecasts are found by a hash of their elements and compared in full, so
// a collision costs comparisons and never a wrong copy; dup[k] is never
// itself a copy. A forecasted loss held outside its element (wider than
// dec.Small reads: elem.e == bigLoss) is compared by its index, so a
// forecast with one is never found to repeat another: it is computed, as
// without this path. Forecasts crafted so that every hash collides cost at
// most F²/2 element-by-element comparisons (F, E <= MaxWorkers: about
// 5·10^8 16-byte comparisons at the bounds), a part of what the synthesis
// itself costs at that size, and change no value.
func (s *synth) duplicateForecasts() []int32 {
	fc := s.e.fc
	if s.plain || s.noDup || len(fc) < 2 {
		return nil
	}
	var dup []int32
	hash := make([]uint64, len(fc))
	first := make(map[uint64]int32, len(fc)) // the first forecaster of each hash
	for k := range fc {
		h := hashElems(fc[k].el)
		if s.collide {
			h = 0 // tests: every forecast collides
		}
		hash[k] = h
		c, seen := first[h]
		if !seen {
			first[h] = int32(k)
			continue
		}
		d := int32(-1)
		if slices.Equal(fc[c].el, fc[k].el) {
			d = c
		} else {
			// A collision: the first identical forecast of that hash, if
			// any (the first, so that it is not itself a copy).
			for i := c + 1; i < int32(k); i++ {
				if hash[i] == h && slices.Equal(fc[i].el, fc[k].el) {
					d = i
					break
				}
			}
		}
		if d < 0 {
			continue
		}
		if dup == nil {
			dup = make([]int32, len(fc))
			for i := range dup {
				dup[i] = -1
			}
		}
		dup[k] = d
	}
	return dup
}

// hashElems mixes the elements' words (a multiply-xorshift per word: one
// pass of a few operations per element).
func hashElems(el []elem) uint64 {
	h := uint64(len(el)) * 0x9e3779b97f4a7c15
	mix := func(v uint64) {
		h = (h ^ v) * 0xff51afd7ed558ccd
		h ^= h >> 32
	}
	for _, y := range el {
		mix(uint64(y.c))
		mix(uint64(uint32(y.j)) | uint64(uint32(y.e))<<32)
	}
	return h
}

// savedFII is a copy of one forecaster's values in the streamed table
// (oneOutTable.vals from the forecaster's first value on) and its row of
// indices relative to them, for a later identical forecast in another
// block of the table.
type savedFII struct {
	row  []int32 // 0: no value; otherwise 1 + position in vals (of nl values)
	vals []dec.Dec
}

// saveFII copies forecaster k's values, which start at index base+1 of the
// table (base = len(t.vals)/nl before they were added).
func (t *oneOutTable) saveFII(k, base int) savedFII {
	row := slices.Clone(t.row(k))
	for j, i := range row {
		if i != 0 {
			row[j] = i - int32(base)
		}
	}
	return savedFII{row: row, vals: slices.Clone(t.vals[base*t.nl:])}
}

// copyFII gives forecaster k the values of the identical forecaster d: its
// row of indices when d is still in the table (the table path, or d in the
// current block of the streamed table), otherwise its saved values (sv),
// appended to the table.
func (t *oneOutTable) copyFII(k, d int, sv *savedFII, st *synthStats) {
	row := t.row(k)
	if !t.stream || d >= t.k0 {
		copy(row, t.row(d))
		return
	}
	base := int32(len(t.vals) / t.nl)
	t.vals = append(t.vals, sv.vals...)
	if st != nil {
		st.restored++
	}
	for j, i := range sv.row {
		row[j] = 0
		if i != 0 {
			row[j] = i + base
		}
	}
}

// appendOneOut appends forecaster k's one-out values (29), in inferer
// order, to out; s.oneOut holds k's values and full is k's full value. The values of a forecaster
// identical to an earlier one d are d's: its entries are repeated with k's
// id, each with a vector of its own holding the decimals of d's (an
// immutable decimal.Decimal may share its coefficient: no conversion and
// no coefficient allocated).
func (s *synth) appendOneOut(out *[]loss.PairVector, k int, full []dec.Dec) {
	e, t := s.e, &s.oneOut
	from := int32(len(*out))
	id := e.fc[k].id
	if d := s.dupOf(k); d >= 0 {
		for i := s.outAt[d][0]; i < s.outAt[d][1]; i++ {
			src := (*out)[i].Values
			v := s.outSlab.cut(len(src))
			copy(v, src)
			pv := nextPair(out)
			pv.Forecaster, pv.Inferer, pv.Values = id, (*out)[i].Inferer, v
		}
	} else {
		// A value identical to k's full value (an inferer k does not
		// name, or one whose weight is too small to move the quotient),
		// or to the value before it, takes that one's decimals.
		var fullDec, lastDec loss.Vector
		var last []dec.Dec
		for j, inf := range e.inf {
			v := t.get(k, j)
			if v == nil {
				continue
			}
			var d loss.Vector
			switch {
			case identicalVec(v, last):
				d = s.outSlab.cut(len(v))
				copy(d, lastDec)
			case identicalVec(v, full):
				if fullDec == nil {
					fullDec = s.toVector(full)
				}
				d = s.outSlab.cut(len(v))
				copy(d, fullDec)
			default:
				d = s.toVector(v)
			}
			last, lastDec = v, d
			pv := nextPair(out)
			pv.Forecaster, pv.Inferer, pv.Values = id, inf, d
		}
	}
	if s.outAt != nil {
		s.outAt[k] = [2]int32{from, int32(len(*out))}
	}
}

// nextPair extends out by one zero entry and returns it: the fields are
// then set one by one (a pointer write each), where appending a composite
// value copies the whole entry under the garbage collector's bulk write
// barrier, which dominated the writing of the (29) entries while the
// collector runs.
func nextPair(out *[]loss.PairVector) *loss.PairVector {
	n := len(*out)
	if n < cap(*out) {
		*out = (*out)[:n+1]
	} else {
		*out = append(*out, loss.PairVector{})
	}
	return &(*out)[n]
}

// dupOf returns the forecaster whose forecast k's repeats, or −1.
func (s *synth) dupOf(k int) int {
	if s.dup == nil {
		return -1
	}
	return int(s.dup[k])
}

// identicalVec reports whether v and w (nil: none) hold identical values
// (dec.Identical, label by label).
func identicalVec(v, w []dec.Dec) bool {
	if v == nil || len(v) != len(w) {
		return false
	}
	for l := range v {
		if !v[l].Identical(w[l]) {
			return false
		}
	}
	return true
}
