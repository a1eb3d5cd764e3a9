package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progressWidth is the number of cells in the bar.
const progressWidth = 30

// progressBar redraws one line on a terminal: a bar, frames done, rate and time left.
type progressBar struct {
	w     io.Writer // nil when disabled
	total int
	start time.Time
}

// newProgressBar returns a bar drawing on w for mode "always", or "auto" when w is a terminal.
func newProgressBar(w io.Writer, total int, mode string) *progressBar {
	p := &progressBar{total: total, start: time.Now()}
	if mode == "always" || (mode == "auto" && isTerminal(w)) {
		p.w = w
	}
	return p
}

// update draws the bar after done frames.
func (p *progressBar) update(done int) {
	if p.w == nil {
		return
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K", progressLine(done, p.total, time.Since(p.start)))
}

// finish ends the bar's line.
func (p *progressBar) finish() {
	if p.w != nil {
		fmt.Fprintln(p.w)
	}
}

// progressLine formats the bar for done of total frames after elapsed.
func progressLine(done, total int, elapsed time.Duration) string {
	filled := 0
	if total > 0 {
		filled = min(progressWidth, done*progressWidth/total)
	}
	bar := strings.Repeat("#", filled) + strings.Repeat(".", progressWidth-filled)
	line := fmt.Sprintf("[%s] %d/%d frames", bar, done, total)
	if done > 0 && elapsed > 0 {
		rate := float64(done) / elapsed.Seconds()
		left := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
		line += fmt.Sprintf("  %.1f frames/s  %s left", rate, left)
	}
	return line
}
