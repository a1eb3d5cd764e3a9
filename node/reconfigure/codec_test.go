package reconfigure

import (
	"errors"
	"reflect"
	"testing"

	drmsg "github.com/depthnode/depthnode/node/reconfigure/dynamic_reconfigure"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	tb, err := newTable(testParams())
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]any{"jpeg_quality": 55, "smoothing": 0.25, "stretch": false, "token": "s3cr'et\n",
		"space": "disparity", "width": 320, "device": "cpu"}
	c := tb.encode(values)
	if len(c.Ints) != 2 || len(c.Doubles) != 1 || len(c.Bools) != 1 || len(c.Strs) != 3 {
		t.Fatalf("lists: %d ints %d doubles %d bools %d strs", len(c.Ints), len(c.Doubles), len(c.Bools), len(c.Strs))
	}
	wantGroups := []drmsg.GroupState{
		{Name: "Default", State: true, Id: 0, Parent: 0},
		{Name: "align", State: true, Id: 1, Parent: 0},
		{Name: "preview", State: true, Id: 2, Parent: 0},
	}
	if !reflect.DeepEqual(c.Groups, wantGroups) {
		t.Errorf("groups %+v, want %+v", c.Groups, wantGroups)
	}
	back, err := decode(c)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, values) {
		t.Errorf("decoded %v, want %v", back, values)
	}
}

func TestDecodeRefusesANameTwice(t *testing.T) {
	c := drmsg.Config{
		Ints:    []drmsg.IntParameter{{Name: "width", Value: 3}},
		Doubles: []drmsg.DoubleParameter{{Name: "width", Value: 3}},
	}
	if _, err := decode(c); !errors.Is(err, ErrRefused) {
		t.Fatalf("error %v, want ErrRefused", err)
	}
}

func TestDescriptionGroups(t *testing.T) {
	tb, err := newTable(testParams())
	if err != nil {
		t.Fatal(err)
	}
	d := tb.description()
	type g struct {
		name, typ  string
		id, parent int32
		params     []string
	}
	var got []g
	for _, x := range d.Groups {
		var names []string
		for _, p := range x.Parameters {
			names = append(names, p.Name)
		}
		got = append(got, g{x.Name, x.Type, x.Id, x.Parent, names})
	}
	want := []g{
		{"Default", "", 0, 0, []string{"jpeg_quality", "stretch", "device"}},
		{"align", "", 1, 0, []string{"smoothing", "space"}},
		{"preview", "", 2, 0, []string{"token", "width"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("groups %+v, want %+v", got, want)
	}
	lo, _ := decode(d.Min)
	hi, _ := decode(d.Max)
	dflt, _ := decode(d.Dflt)
	if lo["jpeg_quality"] != 1 || hi["jpeg_quality"] != 100 || dflt["jpeg_quality"] != 80 {
		t.Errorf("jpeg_quality bounds %v..%v default %v", lo["jpeg_quality"], hi["jpeg_quality"], dflt["jpeg_quality"])
	}
	if lo["stretch"] != false || hi["stretch"] != true || lo["token"] != "" || hi["token"] != "" {
		t.Errorf("bool/str bounds: %v %v %q %q", lo["stretch"], hi["stretch"], lo["token"], hi["token"])
	}
}
