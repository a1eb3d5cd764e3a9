package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// writeNpyFile writes a version-1 .npy file the way numpy.save lays it out: magic, header
// length, a Python-dict header padded with spaces to a multiple of 64 bytes, then the data.
func writeNpyFile(t *testing.T, path, descr string, fortran bool, shape string, data []byte) {
	t.Helper()
	order := "False"
	if fortran {
		order = "True"
	}
	header := fmt.Sprintf("{'descr': '%s', 'fortran_order': %s, 'shape': %s, }", descr, order, shape)
	for (10+len(header)+1)%64 != 0 {
		header += " "
	}
	header += "\n"
	buf := append([]byte("\x93NUMPY\x01\x00"), byte(len(header)), byte(len(header)>>8))
	buf = append(append(buf, header...), data...)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

func float32Bytes(v ...float32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

func float64Bytes(v ...float64) []byte {
	b := make([]byte, 8*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(x))
	}
	return b
}

func TestReadNpy(t *testing.T) {
	tests := []struct {
		name      string
		descr     string
		fortran   bool
		shape     string
		data      []byte
		wantShape []int
		want      []float32
		wantErr   error
	}{
		{name: "float32 2d", descr: "<f4", shape: "(2, 3)", data: float32Bytes(1, 2, 3, 4, 5, -6.5),
			wantShape: []int{2, 3}, want: []float32{1, 2, 3, 4, 5, -6.5}},
		{name: "float64 widened", descr: "<f8", shape: "(1, 2, 1)", data: float64Bytes(0.25, 1e3),
			wantShape: []int{1, 2, 1}, want: []float32{0.25, 1000}},
		{name: "uint8", descr: "|u1", shape: "(3,)", data: []byte{0, 128, 255},
			wantShape: []int{3}, want: []float32{0, 128, 255}},
		{name: "scalar shape", descr: "<f4", shape: "()", data: float32Bytes(7), wantShape: nil, want: []float32{7}},
		{name: "fortran order refused", descr: "<f4", fortran: true, shape: "(2, 2)", data: float32Bytes(1, 2, 3, 4), wantErr: errNpy},
		{name: "big endian refused", descr: ">f4", shape: "(1,)", data: float32Bytes(1), wantErr: errNpy},
		{name: "truncated data", descr: "<f4", shape: "(4,)", data: float32Bytes(1, 2), wantErr: errNpy},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.npy")
			writeNpyFile(t, path, tc.descr, tc.fortran, tc.shape, tc.data)
			a, err := readNpy(path)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(a.shape) != fmt.Sprint(tc.wantShape) {
				t.Errorf("shape = %v, want %v", a.shape, tc.wantShape)
			}
			if fmt.Sprint(a.data) != fmt.Sprint(tc.want) {
				t.Errorf("data = %v, want %v", a.data, tc.want)
			}
		})
	}
	t.Run("not npy", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "a.npy")
		if err := os.WriteFile(path, []byte("hello, world"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readNpy(path); !errors.Is(err, errNpy) {
			t.Errorf("err = %v, want errNpy", err)
		}
	})
}

func TestNpyShapeIs(t *testing.T) {
	tests := []struct {
		shape   []int
		h, w, c int
		want    bool
	}{
		{[]int{3, 4}, 3, 4, 1, true},
		{[]int{1, 1, 3, 4}, 3, 4, 1, true},
		{[]int{3, 4, 3}, 3, 4, 3, true},
		{[]int{1, 3, 4, 3}, 3, 4, 3, true},
		{[]int{4, 3}, 3, 4, 1, false},
		{[]int{3, 3, 4}, 3, 4, 3, false},
		{[]int{2, 3, 4}, 3, 4, 1, false},
		{[]int{12}, 3, 4, 1, false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.shape, tc.c), func(t *testing.T) {
			if got := npyShapeIs(tc.shape, tc.h, tc.w, tc.c); got != tc.want {
				t.Errorf("npyShapeIs(%v, h=%d, w=%d, c=%d) = %v, want %v", tc.shape, tc.h, tc.w, tc.c, got, tc.want)
			}
		})
	}
}
