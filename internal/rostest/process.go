package rostest

import (
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Process is a started command in its own process group, stopped (SIGINT,
// then SIGKILL after a grace period) when the test ends or Stop is called.
type Process struct {
	Cmd  *exec.Cmd
	done chan struct{}
	err  error
	once sync.Once
}

// Start starts cmd in a new process group and registers its stop with t.Cleanup.
func Start(t testing.TB, cmd *exec.Cmd) *Process {
	t.Helper()
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %v: %v", cmd.Args, err)
	}
	p := &Process{Cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(p.Stop)
	return p
}

// Exited reports whether the process has ended.
func (p *Process) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Wait waits up to timeout for the process to end by itself and returns its
// error; ok is false when it was still running.
func (p *Process) Wait(timeout time.Duration) (err error, ok bool) {
	select {
	case <-p.done:
		return p.err, true
	case <-time.After(timeout):
		return nil, false
	}
}

// Signal sends sig to the process group.
func (p *Process) Signal(sig syscall.Signal) {
	_ = syscall.Kill(-p.Cmd.Process.Pid, sig)
}

// Stop interrupts the process group like Ctrl-C, and kills it if it has not
// ended within ten seconds; processes it started in sessions of their own
// (roslaunch's nodes, roscore's rosmaster) and left behind are killed too.
// It is safe to call more than once.
func (p *Process) Stop() {
	p.once.Do(func() {
		if p.Exited() {
			return
		}
		below := descendants(p.Cmd.Process.Pid)
		p.Signal(syscall.SIGINT)
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			p.Signal(syscall.SIGKILL)
			<-p.done
		}
		// Children that left the group's leader behind.
		_ = syscall.Kill(-p.Cmd.Process.Pid, syscall.SIGKILL)
		for _, pid := range below {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	})
}
