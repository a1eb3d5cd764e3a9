package preview

import "time"

// previewRateWindow is the shortest interval a preview rate is measured over.
const previewRateWindow = time.Second

// previewStale is how old a baseline may be before it is dropped: after a
// pause with nobody watching, a long average would hide the current rate.
const previewStale = 3 * previewRateWindow

// previewRates turns the node's running totals into frames per wall-clock
// second, the rate a viewer sees (even when the node runs on /clock).
type previewRates struct {
	at                  time.Time
	received, published uint64
	in, out             float64
}

// update returns the input and output rates over the last full window;
// both are 0 until one window has passed since the baseline.
func (r *previewRates) update(received, published uint64, now time.Time) (in, out float64) {
	dt := now.Sub(r.at)
	switch {
	case r.at.IsZero() || dt < 0 || dt > previewStale || received < r.received || published < r.published:
		r.in, r.out = 0, 0
	case dt >= previewRateWindow:
		r.in = float64(received-r.received) / dt.Seconds()
		r.out = float64(published-r.published) / dt.Seconds()
	default:
		return r.in, r.out
	}
	r.at, r.received, r.published = now, received, published
	return r.in, r.out
}
