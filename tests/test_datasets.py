"""Tests of nncourse.datasets: the blob-and-arc toy set and the ISOLET loader.

The ISOLET tests never touch the network. They write a tiny fake copy of
OpenML's answers (the JSON description, feature list and qualities, and a
gzipped ARFF file) into a temporary ``data_home``, exactly where
``sklearn.datasets.fetch_openml`` keeps its cache, and forbid every socket.
"""
import gzip
import hashlib
import json
import socket
import time
import urllib.request

import numpy as np
import pytest

from nncourse import datasets
from nncourse.datasets import ISOLET_DATA_ID, load_isolet, make_blob_and_arc

N_FEATURES = 617
FILE_ID = 52405


# ------------------------------------------------------- make_blob_and_arc
def test_blob_and_arc_shapes_dtypes_and_range():
    X, y = make_blob_and_arc(501, random_state=0)
    assert X.shape == (501, 2) and X.dtype == np.float64
    assert y.shape == (501,) and y.dtype == np.int64
    assert set(np.unique(y)) == {0, 1}
    assert X.min() >= 0 and X.max() <= 1
    np.testing.assert_allclose(X.min(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(X.max(axis=0), 1, atol=1e-12)


@pytest.mark.parametrize("n_samples", [2, 3, 100, 1401])
def test_blob_and_arc_classes_are_balanced(n_samples):
    _, y = make_blob_and_arc(n_samples, random_state=1)
    assert np.sum(y == 0) == n_samples // 2
    assert np.sum(y == 1) == n_samples - n_samples // 2


def test_blob_and_arc_is_deterministic_for_a_seed():
    X1, y1 = make_blob_and_arc(300, random_state=7)
    X2, y2 = make_blob_and_arc(300, random_state=7)
    X3, _ = make_blob_and_arc(300, random_state=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(X1, X3)
    rng = np.random.default_rng(7)          # a Generator is accepted too
    X4, _ = make_blob_and_arc(300, random_state=rng)
    assert X4.shape == (300, 2)


def test_blob_is_inside_the_arc():
    X, y = make_blob_and_arc(4000, noise=0.0, random_state=2)
    centre = X[y == 0].mean(axis=0)
    r_blob = np.linalg.norm(X[y == 0] - centre, axis=1)
    r_arc = np.linalg.norm(X[y == 1] - centre, axis=1)
    assert np.median(r_blob) < 0.5 * np.median(r_arc)
    # the arc opens to the right: no arc point to the right of the centre
    # at the centre's height
    near_axis = np.abs(X[y == 1][:, 1] - centre[1]) < 0.05
    assert np.all(X[y == 1][near_axis, 0] < centre[0])


def test_blob_and_arc_shuffles_the_classes():
    _, y = make_blob_and_arc(200, random_state=3)
    assert 0 < y[:100].sum() < 100


@pytest.mark.parametrize("bad", [0, 1, -5, 2.5, "100", None, True])
def test_blob_and_arc_rejects_bad_n_samples(bad):
    with pytest.raises(ValueError, match="n_samples"):
        make_blob_and_arc(bad)


def test_blob_and_arc_rejects_negative_noise():
    with pytest.raises(ValueError, match="noise"):
        make_blob_and_arc(10, noise=-0.1)


# -------------------------------------------------------------- load_isolet
def write_gz(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as f:
        f.write(data)


def fake_isolet_arff(n_per_class, seed=0):
    """ARFF text with 617 numeric features and the class '1'..'26'."""
    rng = np.random.default_rng(seed)
    classes = [str(c) for c in range(1, 27)]
    lines = ["@RELATION isolet"]
    lines += [f"@ATTRIBUTE f{i} NUMERIC" for i in range(1, N_FEATURES + 1)]
    lines += ["@ATTRIBUTE class {" + ",".join(classes) + "}", "@DATA"]
    labels = np.repeat(np.arange(1, 27), n_per_class)
    X = rng.uniform(-1, 1, size=(len(labels), N_FEATURES)).round(4)
    for row, label in zip(X, labels):
        lines.append(",".join(f"{v:.4f}" for v in row) + f",{label}")
    return "\n".join(lines) + "\n", X, labels


def write_fake_openml_cache(data_home, n_per_class=2):
    """What fetch_openml(data_id=300) leaves in its cache, in miniature."""
    arff, X, labels = fake_isolet_arff(n_per_class)
    arff_bytes = arff.encode()
    root = data_home / "openml" / "openml.org"
    description = {"data_set_description": {
        "id": str(ISOLET_DATA_ID), "name": "isolet", "version": "1",
        "status": "active", "format": "ARFF", "file_id": str(FILE_ID),
        "description": "A tiny fake ISOLET written by the tests.",
        "url": f"https://api.openml.org/data/v1/download/{FILE_ID}/"
               "isolet.arff",
        "md5_checksum": hashlib.md5(arff_bytes).hexdigest()}}
    features = [{"index": str(i - 1), "name": f"f{i}", "data_type": "numeric",
                 "is_target": "false", "is_ignore": "false",
                 "is_row_identifier": "false",
                 "number_of_missing_values": "0"}
                for i in range(1, N_FEATURES + 1)]
    features.append({"index": str(N_FEATURES), "name": "class",
                     "data_type": "nominal",
                     "nominal_value": [str(c) for c in range(1, 27)],
                     "is_target": "true", "is_ignore": "false",
                     "is_row_identifier": "false",
                     "number_of_missing_values": "0"})
    qualities = {"data_qualities": {"quality": [
        {"name": "NumberOfInstances", "value": f"{len(labels)}.0"},
        {"name": "NumberOfFeatures", "value": f"{N_FEATURES + 1}.0"}]}}
    api = root / "api" / "v1" / "json" / "data"
    write_gz(api / f"{ISOLET_DATA_ID}.gz", json.dumps(description).encode())
    write_gz(api / "features" / f"{ISOLET_DATA_ID}.gz",
             json.dumps({"data_features": {"feature": features}}).encode())
    write_gz(api / "qualities" / f"{ISOLET_DATA_ID}.gz",
             json.dumps(qualities).encode())
    write_gz(root / "data" / "v1" / "download" / str(FILE_ID) /
             "isolet.arff.gz", arff_bytes)
    return X, labels


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to open a connection fails at once, as on a plane."""
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr("sklearn.datasets._openml.urlopen", refuse)
    return calls


def test_load_isolet_reads_the_cache_offline(tmp_path, offline):
    X_true, labels = write_fake_openml_cache(tmp_path, n_per_class=2)
    data = load_isolet(data_home=tmp_path)
    assert not offline, "the loader went to the network despite the cache"
    assert data.data.shape == (52, N_FEATURES)
    assert data.data.dtype == np.float64
    np.testing.assert_allclose(data.data, X_true, atol=1e-12)
    assert data.target.shape == (52,) and data.target.dtype == np.int64
    # OpenML's classes '1'..'26' become 0..25, and 0 means 'a'
    np.testing.assert_array_equal(data.target, labels - 1)
    assert list(data.target_names) == list("abcdefghijklmnopqrstuvwxyz")
    assert data.target_names[data.target[-1]] == "z"
    assert len(data.feature_names) == N_FEATURES


def test_load_isolet_return_X_y(tmp_path, offline):
    write_fake_openml_cache(tmp_path, n_per_class=1)
    X, y = load_isolet(data_home=str(tmp_path), return_X_y=True)
    assert X.shape == (26, N_FEATURES) and y.shape == (26,)
    np.testing.assert_array_equal(y, np.arange(26))


def test_load_isolet_fails_fast_without_network_or_cache(tmp_path, offline):
    start = time.perf_counter()
    with pytest.raises(ConnectionError, match="load_digits"):
        load_isolet(data_home=tmp_path / "empty", timeout=1.0)
    assert time.perf_counter() - start < 2.0
    assert len(offline) == 1               # one quick check, no retries


def test_load_isolet_rejects_bad_timeout(tmp_path):
    with pytest.raises(ValueError, match="timeout"):
        load_isolet(data_home=tmp_path, timeout=0)


@pytest.mark.parametrize("target, codes", [
    (["1", "2", "26"], [0, 1, 25]),
    (["a", "B", "z"], [0, 1, 25]),
])
def test_letter_encoding(target, codes):
    encoded, letters = datasets._encode_letters(np.array(target))
    np.testing.assert_array_equal(encoded, codes)
    assert encoded.dtype == np.int64 and len(letters) == 26


@pytest.mark.parametrize("target", [["0", "1"], ["27"], ["a", "?"]])
def test_letter_encoding_rejects_non_letters(target):
    with pytest.raises(ValueError, match="ISOLET labels"):
        datasets._encode_letters(np.array(target))
