package streamtest

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Client keeps no idle connection: a kept-alive one would leave its read
// loop running after the test, which a goroutine-leak check reports.
var Client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

// Answer is a finished HTTP exchange.
type Answer struct {
	Status int
	Header http.Header
	Body   string
}

// Request sends one request with Client; token goes in a Bearer header and
// contentType in Content-Type when set. The test fails if nothing answers.
func Request(t testing.TB, method, url, token, contentType, body string) Answer {
	t.Helper()
	a, err := request(method, url, token, contentType, body)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func request(method, url, token, contentType, body string) (Answer, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return Answer{}, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := Client.Do(req)
	if err != nil {
		return Answer{}, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return Answer{Status: res.StatusCode, Header: res.Header, Body: string(b)}, err
}
