package inference

// #include "kernels.h"
import "C"

// KernelISA names the instruction set the pre- and postprocessing kernels run with: "avx2" or
// "sse2" on x86-64 (picked from the CPU at start), "neon" on AArch64, "portable C" elsewhere.
func KernelISA() string { return C.GoString(C.dn_kernel_isa()) }

// useBaselineKernels switches the kernels to the baseline instruction set (on) or back to the
// best the CPU has, so tests can check both variants. Not safe while kernels run.
func useBaselineKernels(on bool) {
	flag := C.int(0)
	if on {
		flag = 1
	}
	C.dn_use_baseline(flag)
}
