package stream

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"testing"
	"time"
)

const (
	chromiumPath     = "/usr/bin/chromium"
	chromedriverPath = "/usr/bin/chromedriver"
)

// webDriver talks the plain W3C WebDriver protocol to a chromedriver it
// started, driving Debian's own headless Chromium.
type webDriver struct {
	base    string
	session string
	client  *http.Client
}

// startWebDriver starts chromedriver on a free port and a headless Chromium
// session; both are stopped when the test ends.
func startWebDriver(t *testing.T) *webDriver {
	t.Helper()
	for _, p := range []string{chromiumPath, chromedriverPath} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s is missing: run `make deps` (Debian chromium and chromium-driver)", p)
		}
	}
	cmd := exec.Command(chromedriverPath, "--port=0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	port := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`started successfully on port (\d+)`)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				port <- m[1]
			}
		}
		close(port)
	}()
	wd := &webDriver{client: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 60 * time.Second}}
	select {
	case p, ok := <-port:
		if !ok {
			t.Fatal("chromedriver exited without saying its port")
		}
		wd.base = "http://127.0.0.1:" + p
	case <-time.After(30 * time.Second):
		t.Fatal("chromedriver did not start")
	}
	var sess struct {
		SessionID string `json:"sessionId"`
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName": "chrome",
		"goog:chromeOptions": map[string]any{
			"binary": chromiumPath,
			"args": []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + t.TempDir(), "--use-fake-ui-for-media-stream", "--disable-dev-shm-usage",
				"--autoplay-policy=no-user-gesture-required", "--window-size=1400,900", "--force-device-scale-factor=1"},
		},
	}}}
	if err := wd.do("POST", "/session", caps, &sess); err != nil {
		t.Fatalf("new Chromium session: %v", err)
	}
	wd.session = "/session/" + sess.SessionID
	t.Cleanup(func() { _ = wd.do("DELETE", wd.session, nil, nil) })
	return wd
}

// do sends one command and decodes the "value" of the answer into out.
func (wd *webDriver) do(method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, wd.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := wd.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var env struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.NewDecoder(res.Body).Decode(&env); err != nil {
		return fmt.Errorf("%s %s: %d, undecodable answer: %w", method, path, res.StatusCode, err)
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, env.Value)
	}
	if out != nil {
		return json.Unmarshal(env.Value, out)
	}
	return nil
}

func (wd *webDriver) navigate(t *testing.T, url string) {
	t.Helper()
	if err := wd.do("POST", wd.session+"/url", map[string]string{"url": url}, nil); err != nil {
		t.Fatal(err)
	}
}

// eval runs script (a function body) in the page.
func (wd *webDriver) eval(t *testing.T, script string, out any) {
	t.Helper()
	if err := wd.do("POST", wd.session+"/execute/sync", map[string]any{"script": script, "args": []any{}}, out); err != nil {
		t.Fatal(err)
	}
}

func (wd *webDriver) screenshot(t *testing.T) image.Image {
	t.Helper()
	var b64 string
	if err := wd.do("GET", wd.session+"/screenshot", nil, &b64); err != nil {
		t.Fatal(err)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// movePointer moves the mouse to (x, y) pixels from the top-left of the
// element matched by css, through real input events.
func (wd *webDriver) movePointer(t *testing.T, css string, x, y int) {
	t.Helper()
	var el map[string]string
	if err := wd.do("POST", wd.session+"/element", map[string]string{"using": "css selector", "value": css}, &el); err != nil {
		t.Fatal(err)
	}
	var rect struct{ Width, Height float64 }
	for _, id := range el {
		if err := wd.do("GET", wd.session+"/element/"+id+"/rect", nil, &rect); err != nil {
			t.Fatal(err)
		}
		// Element origins are its centre point.
		act := map[string]any{"actions": []any{map[string]any{
			"type": "pointer", "id": "mouse", "parameters": map[string]string{"pointerType": "mouse"},
			"actions": []any{map[string]any{"type": "pointerMove", "duration": 0,
				"origin": map[string]string{"element-6066-11e4-a52e-4f735466cecf": id},
				"x":      x - int(rect.Width/2), "y": y - int(rect.Height/2)}},
		}}}
		if err := wd.do("POST", wd.session+"/actions", act, nil); err != nil {
			t.Fatal(err)
		}
	}
}
