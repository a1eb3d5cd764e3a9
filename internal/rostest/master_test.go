package rostest

import (
	"os"
	"strings"
	"testing"
)

func TestMasterAnswersRosparam(t *testing.T) {
	m := StartMaster(t)
	cmd := Python("-c", "import rospy; rospy.set_param('/probe', 7); print(rospy.get_param('/probe'))")
	cmd.Env = m.Env(os.Environ())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("rospy against %s: %v\n%s", m.URI, err, out)
	}
	if strings.TrimSpace(string(out)) != "7" {
		t.Fatalf("rospy read back %q, want 7", out)
	}
}
