// Package streamtest is a WHEP viewer for tests of the preview: a real pion
// peer that does what the preview page does. Only tests import it.
package streamtest
