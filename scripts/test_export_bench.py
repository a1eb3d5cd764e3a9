"""Tests of scripts/torch_bench.py (the PyTorch side of the GPU comparison).

The statistics and arguments need nothing beyond the standard library; the timed run of the
tiny architecture on the CPU needs PyTorch and diffusers and is skipped, saying so, without them.
"""

import contextlib
import importlib.util
import io
import json
import math
import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_bench as tb  # noqa: E402


def have(module):
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


class StatsTest(unittest.TestCase):
    def test_nearest_rank_matches_depth_bench_definition(self):
        for n in (1, 2, 19, 20, 100, 101):
            ms = [float(i + 1) for i in range(n)]
            random.Random(n).shuffle(ms)
            s = tb.summarize(ms)
            self.assertEqual(s["p50_ms"], math.ceil(0.5 * n))
            self.assertEqual(s["p95_ms"], math.ceil(0.95 * n))
            self.assertAlmostEqual(s["mean_ms"], (n + 1) / 2)
            self.assertAlmostEqual(s["fps"], 1000 / ((n + 1) / 2))
            self.assertEqual((s["min_ms"], s["max_ms"]), (1.0, float(n)))


class ArgumentsTest(unittest.TestCase):
    def test_defaults(self):
        a = tb.parse_args([])
        self.assertEqual((a.size, a.device, a.config, a.task_list, a.fp16), ((768, 576), "cuda", "sd2", ["depth"], False))

    def test_refusals(self):
        for argv in (["--tasks", "depth,depth"], ["--tasks", "edges"], ["--iters", "0"], ["--size", "768"]):
            with self.subTest(argv=argv):
                with contextlib.redirect_stderr(io.StringIO()), self.assertRaises(SystemExit) as cm:
                    tb.parse_args(argv)
                self.assertEqual(cm.exception.code, 2)


def torch_major():
    try:
        import torch
        return int(torch.__version__.split(".")[0])
    except (ImportError, ValueError):
        return 0


@unittest.skipUnless(have("diffusers") and have("torch") and torch_major() >= 2,
                     "needs diffusers and PyTorch >= 2: not importable here, or PyTorch is Debian's 1.13, whose "
                     "CPU baddbmm with beta=0 propagates inf from diffusers' uninitialised attention buffer "
                     "(intermittent NaN; see test_export_onnx.py)")
class TinyRunTest(unittest.TestCase):
    def test_cpu_run_reports_both_tasks(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = tb.main(["--config", "tiny", "--device", "cpu", "--tasks", "depth,normals",
                            "--size", "64x48", "--warmup", "1", "--iters", "3", "--json"])
        self.assertEqual(code, 0)
        rep = json.loads(out.getvalue())
        self.assertEqual((rep["tasks"], rep["size"], rep["iterations"]), ("depth+normals", "64x48", 3))
        self.assertTrue(0 < rep["min_ms"] <= rep["p50_ms"] <= rep["p95_ms"] <= rep["max_ms"])
        # Two UNets and one shared VAE: more than one task's worth of parameters.
        self.assertGreater(rep["params_m"], 0.2)


if __name__ == "__main__":
    unittest.main()
