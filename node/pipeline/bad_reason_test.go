package pipeline

import (
	"fmt"
	"testing"

	"github.com/depthnode/depthnode/inference"
)

// TestBadReason: every sentinel gets its own key, and the limit errors, which wrap the older
// sentinels, are not counted under them.
func TestBadReason(t *testing.T) {
	var rgb inference.RGB
	huge := inference.DecodeImageLimited("rgb8", 5000, 5000, 15000, false, make([]byte, 10), &rgb, inference.Limits{MaxPixels: 1000})
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("x: %w", inference.ErrUnknownEncoding), "encoding"},
		{fmt.Errorf("x: %w", inference.ErrBadDimensions), "dimensions"},
		{fmt.Errorf("x: %w", inference.ErrBadStep), "step"},
		{fmt.Errorf("x: %w", inference.ErrShortData), "short_data"},
		{fmt.Errorf("x: %w", inference.ErrCorrupt), "corrupt"},
		{fmt.Errorf("%w (%w)", inference.ErrTooLarge, inference.ErrBadDimensions), "too_large"},
		{fmt.Errorf("%w (%w)", inference.ErrTooComplex, inference.ErrCorrupt), "too_complex"},
		{huge, "too_large"},
		{fmt.Errorf("something else"), "other"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := BadReason(tc.err); got != tc.want {
				t.Fatalf("BadReason(%v) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}
