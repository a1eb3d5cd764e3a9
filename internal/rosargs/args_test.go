package rosargs

import (
	"errors"
	"reflect"
	"testing"
)

// parseCases are shared by TestParse and FuzzParse's seed corpus.
var parseCases = []struct {
	name    string
	args    []string
	want    Args
	wantErr error
}{
	{
		name: "roslaunch line",
		args: []string{"image:=image_raw", "__name:=front_depth", "__log:=/tmp/x.log", "_processing_res:=512", "_device:=cpu"},
		want: Args{
			Remaps:    map[string]string{"image": "image_raw"},
			Params:    map[string]any{"processing_res": 512, "device": "cpu"},
			ParamText: map[string]string{"processing_res": "512", "device": "cpu"},
			Name:      "front_depth",
		},
	},
	{
		name: "specials",
		args: []string{"__ns:=/cam", "__master:=http://h:1/", "__ip:=10.0.0.1", "__hostname:=box", "__unknown:=x"},
		want: Args{
			Remaps: map[string]string{}, Params: map[string]any{}, ParamText: map[string]string{},
			Namespace: "/cam", Master: "http://h:1/", IP: "10.0.0.1", Hostname: "box",
		},
	},
	{
		name: "typed params",
		args: []string{"_a:=1.5", "_b:=true", "_c:=False", "_d:='12'", "_e:=hello world", "_f:=-3", "_g:=inf", "_h:=True", "_i:=0.02"},
		want: Args{
			Remaps:    map[string]string{},
			Params:    map[string]any{"a": 1.5, "b": true, "c": false, "d": "12", "e": "hello world", "f": -3, "g": "inf", "h": true, "i": 0.02},
			ParamText: map[string]string{"a": "1.5", "b": "true", "c": "False", "d": "'12'", "e": "hello world", "f": "-3", "g": "inf", "h": "True", "i": "0.02"},
		},
	},
	{name: "help", args: []string{"image:=x", "-h"}, wantErr: ErrHelp},
	{name: "long help", args: []string{"--help"}, wantErr: ErrHelp},
	{name: "stray word", args: []string{"image"}, wantErr: ErrBadArgument},
	{name: "bad remap", args: []string{"image:=bad name"}, wantErr: ErrBadArgument},
	{name: "empty remap source", args: []string{":=x"}, wantErr: ErrBadArgument},
	{name: "empty remap target", args: []string{"image:="}, wantErr: ErrBadArgument},
	{name: "bad param name", args: []string{"_9x:=1"}, wantErr: ErrBadArgument},
	{name: "empty param name", args: []string{"_:=3"}, wantErr: ErrBadArgument},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.args)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got  %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

// FuzzParse feeds single arguments: Parse must not panic, and what it
// accepts must round-trip into the maps it fills.
func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		for _, a := range tc.args {
			f.Add(a)
		}
	}
	f.Fuzz(func(t *testing.T, arg string) {
		a, err := Parse([]string{arg})
		if err != nil {
			if !errors.Is(err, ErrHelp) && !errors.Is(err, ErrBadArgument) {
				t.Fatalf("Parse(%q) error %v wraps neither ErrHelp nor ErrBadArgument", arg, err)
			}
			return
		}
		if len(a.Params) != len(a.ParamText) {
			t.Fatalf("Parse(%q): %d params but %d texts", arg, len(a.Params), len(a.ParamText))
		}
	})
}
