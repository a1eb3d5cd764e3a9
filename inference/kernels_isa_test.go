package inference

import "testing"

// forEachKernelISA runs check with the kernels the CPU picked and, where that is not already
// the baseline, again with the baseline ones (SSE2 on x86-64), which older CPUs run.
func forEachKernelISA(t *testing.T, check func(*testing.T)) {
	best := KernelISA()
	t.Run(best, check)
	useBaselineKernels(true)
	defer useBaselineKernels(false)
	if base := KernelISA(); base != best {
		t.Run(base, check)
	}
}
