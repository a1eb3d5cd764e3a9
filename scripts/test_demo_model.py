#!/usr/bin/python3
"""Unit tests of train_demo_model.py's losses and conventions, against hand-computed values.

Run: /usr/bin/python3 -m unittest discover -s scripts -p 'test_*.py'
"""
import math
import unittest

import numpy as np
import torch

import train_demo_model as tdm


def img(values):
    """A [1,1,1,N] tensor from a flat list."""
    return torch.tensor(values, dtype=torch.float32).view(1, 1, 1, -1)


class FitScaleShiftTest(unittest.TestCase):
    def test_cases(self):
        cases = [
            # name, pred, gt, mask, scale, shift
            ("exact affine", [0, 1, 2, 3], [1, 3, 5, 7], [1, 1, 1, 1], 2.0, 1.0),
            # a00=5 a01=3 a11=3 b0=4 b1=3: det=6, s=(12-9)/6, t=(15-12)/6
            ("least squares by hand", [0, 1, 2], [0, 2, 1], [1, 1, 1], 0.5, 0.5),
            ("masked outlier", [0, 1, 2, 100], [1, 3, 5, -7], [1, 1, 1, 0], 2.0, 1.0),
        ]
        for name, p, g, m, s, t in cases:
            with self.subTest(name):
                fs, ft = tdm.fit_scale_shift(img(p), img(g), img(m) > 0)
                self.assertAlmostEqual(fs.item(), s, places=5)
                self.assertAlmostEqual(ft.item(), t, places=5)

    def test_per_image(self):
        pred = torch.stack([img([0, 1, 2])[0], img([0, 1, 2])[0]])
        gt = torch.stack([img([1, 3, 5])[0], img([4, 3, 2])[0]])
        s, t = tdm.fit_scale_shift(pred, gt, gt > 0)
        self.assertEqual(s.flatten().tolist(), [2.0, -1.0])
        self.assertEqual(t.flatten().tolist(), [1.0, 4.0])


class LossTest(unittest.TestCase):
    def test_ssi_l1(self):
        gt = img([-1, 0, 1, 0.5])
        mask = torch.ones_like(gt, dtype=torch.bool)
        self.assertAlmostEqual(tdm.ssi_l1(gt * 3 + 2, gt, mask).item(), 0, places=5)
        # pred [0,1,2] vs gt [0,2,1]: fit 0.5p+0.5 = [0.5,1,1.5], residuals 0.5,1,0.5 -> mean 2/3
        loss = tdm.ssi_l1(img([0, 1, 2]), img([0, 2, 1]), img([1, 1, 1]) > 0)
        self.assertAlmostEqual(loss.item(), 2 / 3, places=5)

    def test_aligned_absrel(self):
        gt = img([1, 2, 3, 10])
        mask = gt > 0
        self.assertAlmostEqual(tdm.aligned_absrel(gt * 0.1 - 3, gt, mask).item(), 0, places=5)
        # Fit s=2.8, t=-0.2 (as in eval's Go tests), aligned [-0.2, 2.6, 5.4, 8.2], no clipping:
        # (1.2 + 0.3 + 0.8 + 0.18) / 4.
        got = tdm.aligned_absrel(img([0, 1, 2, 3]), gt, mask).item()
        self.assertAlmostEqual(got, 2.48 / 4, places=5)

    def test_angular_loss(self):
        gt = torch.tensor([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]).T.reshape(1, 3, 1, 2)
        mask = torch.ones(1, 1, 1, 2, dtype=torch.bool)
        # (5,0,0) is 90 degrees from (0,1,0); (0,0,2) is parallel to (0,0,1): mean pi/4.
        pred = torch.tensor([[5.0, 0.0, 0.0], [0.0, 0.0, 2.0]]).T.reshape(1, 3, 1, 2)
        # The clamp to 1-1e-6 turns a parallel pair into acos(1-1e-6) = 0.0014 rad, not 0.
        self.assertAlmostEqual(tdm.angular_loss(pred, gt, mask).item(), math.pi / 4, delta=1e-3)
        # A masked-out pixel does not count.
        mask[..., 0] = False
        self.assertAlmostEqual(tdm.angular_loss(pred, gt, mask).item(), 0, delta=2e-3)

    def test_normalise_depth(self):
        d = img([2, 4, 0, 6])
        n = tdm.normalise_depth(d, d > 0)
        self.assertEqual(n.flatten().tolist(), [-1.0, 0.0, 0.0, 1.0])


class ConventionTest(unittest.TestCase):
    def test_native_normals(self):
        # Optical frame (x right, y down, z forward), toward the camera -> E2E-FT native.
        cases = [
            ("floor faces up", [0, -1, 0], [0, 1, 0]),
            ("fronto-parallel wall", [0, 0, -1], [0, 0, 1]),
            ("wall on the right faces left", [-1, 0, 0], [1, 0, 0]),
        ]
        for name, optical, native in cases:
            with self.subTest(name):
                got = tdm.to_native_normals(np.array(optical, dtype=np.float32))
                self.assertEqual(got.tolist(), native)

    def test_decode_normals_high_byte(self):
        n = np.array([0.6, -0.8, 0.0])
        stored = np.round((n + 1) / 2 * 65535).astype(np.uint16)
        got = tdm.decode_normals((stored >> 8).astype(np.uint8)[None, None])[0, 0]
        self.assertLess(math.degrees(math.acos(min(1.0, float(np.dot(got, n))))), 0.5)

    def test_flip_mirrors_normal_x(self):
        gen = torch.Generator().manual_seed(0)
        rgb = torch.zeros(64, 3, 1, 2)
        depth = torch.tensor([1.0, 2.0]).view(1, 1, 1, 2).repeat(64, 1, 1, 1)
        normals = torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]).T.reshape(1, 3, 1, 2).repeat(64, 1, 1, 1)
        _, d, n = tdm.augment(rgb, depth, normals, gen)
        flipped = d[:, 0, 0, 0] == 2
        self.assertTrue(flipped.any() and (~flipped).any())
        # Mirrored: the left pixel now holds the up-facing normal, the right one faces right (-x).
        self.assertTrue(torch.equal(n[flipped, :, 0, 0], torch.tensor([0.0, 1.0, 0.0]).expand(int(flipped.sum()), 3)))
        self.assertTrue(torch.equal(n[flipped, :, 0, 1], torch.tensor([-1.0, 0.0, 0.0]).expand(int(flipped.sum()), 3)))
        self.assertTrue(torch.equal(n[~flipped], normals[~flipped]))


class ModelTest(unittest.TestCase):
    def test_shapes_and_ranges(self):
        torch.manual_seed(0)
        m = tdm.DemoNet().eval()
        d, n = m(torch.rand(2, 3, 32, 48) * 2 - 1)
        self.assertEqual(tuple(d.shape), (2, 1, 32, 48))
        self.assertEqual(tuple(n.shape), (2, 3, 32, 48))
        self.assertLessEqual(d.abs().max().item(), 1.0)


if __name__ == "__main__":
    unittest.main()
