package calib

// median returns the median of x (the upper one for even lengths),
// reordering x in place; quickselect keeps it linear on average.
func median(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	k := len(x) / 2
	lo, hi := 0, len(x)-1
	for lo < hi {
		// Median of three as pivot keeps sorted input from going quadratic.
		mid := lo + (hi-lo)/2
		a, b, c := x[lo], x[mid], x[hi]
		pv := b
		if (a <= b) == (b <= c) {
			pv = b
		} else if (b <= a) == (a <= c) {
			pv = a
		} else {
			pv = c
		}
		i, j := lo, hi
		for i <= j {
			for x[i] < pv {
				i++
			}
			for x[j] > pv {
				j--
			}
			if i <= j {
				x[i], x[j] = x[j], x[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return x[k]
		}
	}
	return x[k]
}
