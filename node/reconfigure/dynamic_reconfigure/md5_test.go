//nolint:revive
package dynamic_reconfigure

import (
	"encoding/json"
	"testing"

	"github.com/bluenviron/goroslib/v2/pkg/msgproc"
	"github.com/bluenviron/goroslib/v2/pkg/serviceproc"

	"github.com/depthnode/depthnode/internal/rostest"
)

// debianSums reads the MD5 sums and type names that Debian's generated Python
// module (python3-dynamic-reconfigure) declares.
func debianSums(t *testing.T) map[string][2]string {
	t.Helper()
	const script = `
import json
import dynamic_reconfigure.msg as m, dynamic_reconfigure.srv as s
out = {}
for n in ['BoolParameter','IntParameter','StrParameter','DoubleParameter','GroupState','Config',
          'ParamDescription','Group','ConfigDescription','SensorLevels']:
    c = getattr(m, n); out[n] = [c._md5sum, c._type]
for n in ['Reconfigure','ReconfigureRequest','ReconfigureResponse']:
    c = getattr(s, n); out[n] = [c._md5sum, c._type]
print(json.dumps(out))
`
	out, err := rostest.Python("-c", script).CombinedOutput()
	if err != nil {
		t.Fatalf("Debian's dynamic_reconfigure Python module: %v (run `make deps`: python3-dynamic-reconfigure)\n%s", err, out)
	}
	sums := map[string][2]string{}
	if err := json.Unmarshal(out, &sums); err != nil {
		t.Fatalf("parse %q: %v", out, err)
	}
	return sums
}

func TestMessagesMatchDebian(t *testing.T) {
	sums := debianSums(t)
	for _, c := range []struct {
		name string
		msg  any
	}{
		{"BoolParameter", BoolParameter{}},
		{"IntParameter", IntParameter{}},
		{"StrParameter", StrParameter{}},
		{"DoubleParameter", DoubleParameter{}},
		{"GroupState", GroupState{}},
		{"Config", Config{}},
		{"ParamDescription", ParamDescription{}},
		{"Group", Group{}},
		{"ConfigDescription", ConfigDescription{}},
		{"SensorLevels", SensorLevels{}},
		{"ReconfigureRequest", ReconfigureReq{}},
		{"ReconfigureResponse", ReconfigureRes{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := sums[c.name]
			sum, err := msgproc.MD5(c.msg)
			if err != nil {
				t.Fatal(err)
			}
			if sum != want[0] {
				t.Errorf("MD5 %s, Debian declares %s", sum, want[0])
			}
			typ, err := msgproc.Type(c.msg)
			if err != nil {
				t.Fatal(err)
			}
			// goroslib names a service's halves by the struct; the wire
			// carries only the message types inside and the service's type.
			if c.name != "ReconfigureRequest" && c.name != "ReconfigureResponse" && typ != want[1] {
				t.Errorf("type %s, Debian declares %s", typ, want[1])
			}
		})
	}
	t.Run("Reconfigure", func(t *testing.T) {
		sum, err := serviceproc.MD5(Reconfigure{})
		if err != nil {
			t.Fatal(err)
		}
		if want := sums["Reconfigure"][0]; sum != want {
			t.Errorf("service MD5 %s, Debian declares %s", sum, want)
		}
		typ, err := serviceproc.Type(Reconfigure{})
		if err != nil {
			t.Fatal(err)
		}
		if want := sums["Reconfigure"][1]; typ != want {
			t.Errorf("service type %s, Debian declares %s", typ, want)
		}
	})
}

func TestSensorLevelsConstants(t *testing.T) {
	def, err := msgproc.Definition(SensorLevels{})
	if err != nil {
		t.Fatal(err)
	}
	want := "byte RECONFIGURE_CLOSE=3\nbyte RECONFIGURE_STOP=1\nbyte RECONFIGURE_RUNNING=0\n\n"
	if def != want {
		t.Errorf("definition %q, want %q", def, want)
	}
}
