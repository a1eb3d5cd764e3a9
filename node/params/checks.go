package params

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

func checkDevice(v any) error {
	d := v.(string)
	switch d {
	case "auto", "cpu", "cuda", "tensorrt":
		return nil
	}
	for _, prefix := range []string{"cuda:", "tensorrt:"} {
		if rest, ok := strings.CutPrefix(d, prefix); ok {
			if n, err := strconv.Atoi(rest); err == nil && n >= 0 {
				return nil
			}
		}
	}
	return fmt.Errorf("must be auto, cpu, cuda, cuda:N, tensorrt or tensorrt:N, got %q", d)
}

func checkListenAddr(v any) error {
	a := v.(string)
	if a == "" {
		return nil
	}
	_, port, err := net.SplitHostPort(a)
	if err != nil {
		return fmt.Errorf("want host:port or :port, got %q (%v)", a, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("bad port in %q", a)
	}
	return nil
}
