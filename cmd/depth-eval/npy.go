package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// errNpy marks a .npy file this reader does not understand.
var errNpy = errors.New("npy")

// npyMagic opens every .npy file.
var npyMagic = []byte("\x93NUMPY")

// npyArray is a decoded .npy array: C-order values widened to float32.
type npyArray struct {
	shape []int
	data  []float32
}

var (
	npyDescr   = regexp.MustCompile(`'descr':\s*'([^']*)'`)
	npyFortran = regexp.MustCompile(`'fortran_order':\s*(True|False)`)
	npyShape   = regexp.MustCompile(`'shape':\s*\(([^)]*)\)`)
)

// readNpy reads a little-endian float32, float64 or uint8 array in C order (what numpy.save
// writes by default on every common machine).
func readNpy(path string) (*npyArray, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(raw, npyMagic) || len(raw) < 10 {
		return nil, fmt.Errorf("%w: %s: not a .npy file", errNpy, path)
	}
	var hlen, start int
	switch raw[6] {
	case 1:
		hlen, start = int(binary.LittleEndian.Uint16(raw[8:10])), 10
	case 2, 3:
		if len(raw) < 12 {
			return nil, fmt.Errorf("%w: %s: truncated header", errNpy, path)
		}
		hlen, start = int(binary.LittleEndian.Uint32(raw[8:12])), 12
	default:
		return nil, fmt.Errorf("%w: %s: format version %d", errNpy, path, raw[6])
	}
	if start+hlen > len(raw) {
		return nil, fmt.Errorf("%w: %s: truncated header", errNpy, path)
	}
	header, body := string(raw[start:start+hlen]), raw[start+hlen:]
	descr, fortran, shapeText := npyDescr.FindStringSubmatch(header), npyFortran.FindStringSubmatch(header), npyShape.FindStringSubmatch(header)
	if descr == nil || fortran == nil || shapeText == nil {
		return nil, fmt.Errorf("%w: %s: header %q", errNpy, path, header)
	}
	if fortran[1] == "True" {
		return nil, fmt.Errorf("%w: %s: Fortran order is not supported (save a C-contiguous array)", errNpy, path)
	}
	a := &npyArray{}
	n := 1
	for _, f := range strings.Split(shapeText[1], ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		d, err := strconv.Atoi(f)
		if err != nil || d < 0 {
			return nil, fmt.Errorf("%w: %s: shape %q", errNpy, path, shapeText[1])
		}
		a.shape = append(a.shape, d)
		n *= d
	}
	size := map[string]int{"<f4": 4, "<f8": 8, "|u1": 1}[descr[1]]
	if size == 0 {
		return nil, fmt.Errorf("%w: %s: dtype %q (want <f4, <f8 or |u1)", errNpy, path, descr[1])
	}
	if len(body) < n*size {
		return nil, fmt.Errorf("%w: %s: %d data bytes for %d values of %s", errNpy, path, len(body), n, descr[1])
	}
	a.data = make([]float32, n)
	for i := range a.data {
		switch descr[1] {
		case "<f4":
			a.data[i] = math.Float32frombits(binary.LittleEndian.Uint32(body[4*i:]))
		case "<f8":
			a.data[i] = float32(math.Float64frombits(binary.LittleEndian.Uint64(body[8*i:])))
		default:
			a.data[i] = float32(body[i])
		}
	}
	return a, nil
}
