"""Data sets of the course: a 2-D toy problem and a loader for ISOLET.

Introduced in lecture 04 (course/04_optimizers.ipynb).

- :func:`make_blob_and_arc` draws the two-class toy problem of the
  lecturer's optimizer slides: a Gaussian blob of one class inside an arc of
  the other, scaled to the unit square. It needs nothing but NumPy.
- :func:`load_isolet` fetches the ISOLET spoken-letter data set from OpenML
  (data id 300) and caches it; it fails fast with ``ConnectionError`` when
  OpenML cannot be reached and nothing is cached, so a lecture can fall back
  to a data set that ships with scikit-learn.
"""
from __future__ import annotations

import os
import socket
import string
from typing import Any

import numpy as np

from nncourse import _checks

__all__ = ["make_blob_and_arc", "load_isolet", "ISOLET_DATA_ID",
           "OPENML_HOST"]

#: OpenML's id of the ISOLET data set (name "isolet", 7797 samples).
ISOLET_DATA_ID = 300
#: Host that :func:`load_isolet` checks before it tries to download.
OPENML_HOST = "www.openml.org"


def make_blob_and_arc(n_samples: int = 2000, *, noise: float = 0.3,
                      random_state: int | np.random.Generator | None = None,
                      ) -> tuple[np.ndarray, np.ndarray]:
    """A Gaussian blob of class 0 inside an arc of class 1, in [0, 1]².

    Class 0 is drawn from a normal distribution with standard deviation 0.5
    around the origin. Class 1 lies on an arc of radius 2 that goes around
    the blob from 36° to 324°, leaving an opening on the right; its distance
    from the centre is spread by ``noise``. The two classes overlap a
    little: with the default noise the best possible classifier misclassifies
    about 2 % of the points. Finally each feature is scaled to [0, 1] (its
    smallest value becomes 0, its largest 1) and the samples are shuffled.

    Introduced in lecture 04 (course/04_optimizers.ipynb).

    Parameters
    ----------
    n_samples : int, default 2000
        Total number of points, at least 2. Class 0 gets
        ``n_samples // 2`` of them, class 1 the rest.
    noise : float, default 0.3
        Standard deviation of the arc's radius (the blob has 0.5, the arc
        radius is 2, before scaling). Must be >= 0.
    random_state : int, numpy.random.Generator or None, default None
        Seed for ``np.random.default_rng``; the same seed gives the same
        points.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        The points, float64, each column spanning exactly [0, 1].
    y : ndarray of shape (n_samples,)
        The labels, int64: 0 for the blob, 1 for the arc.

    Raises
    ------
    ValueError
        If ``n_samples`` is not an integer >= 2, ``noise`` is not a finite
        number >= 0, or ``random_state`` is none of the three kinds.

    Examples
    --------
    >>> X, y = make_blob_and_arc(100, random_state=0)
    >>> X.shape, y.sum()
    ((100, 2), 50)
    """
    n_samples = _checks.count(
        n_samples, "n_samples", at_least=2,
        what="an integer >= 2 (one point per class at least)")
    noise = _checks.number(noise, "noise", at_least=0.0)
    rng = np.random.default_rng(_checked_random_state(random_state))
    n_blob = n_samples // 2
    n_arc = n_samples - n_blob
    blob = rng.normal(0.0, 0.5, size=(n_blob, 2))
    theta = np.pi * rng.uniform(0.2, 1.8, size=n_arc)
    radius = 2.0 + noise * rng.normal(size=n_arc)
    arc = radius[:, None] * np.column_stack([np.cos(theta), np.sin(theta)])
    X = np.vstack([blob, arc])
    y = np.concatenate([np.zeros(n_blob, dtype=np.int64),
                        np.ones(n_arc, dtype=np.int64)])
    low, high = X.min(axis=0), X.max(axis=0)
    X = (X - low) / np.where(high > low, high - low, 1.0)
    order = rng.permutation(n_samples)
    return X[order], y[order]


def _checked_random_state(random_state):
    """``random_state`` itself: None, an integer >= 0 or a Generator."""
    if not (random_state is None
            or isinstance(random_state, np.random.Generator)
            or _checks.is_count(random_state, at_least=0)):
        raise _checks.invalid(
            "random_state", "None, an integer >= 0 or a "
            "numpy.random.Generator", random_state)
    return random_state


def _openml_cached(data_home):
    # fetch_openml keeps the JSON answers of the OpenML API under
    # <data_home>/openml/openml.org/api/v1/json/data/<id>.gz; if the
    # description is there, the data were downloaded before.
    path = os.path.join(data_home, "openml", "openml.org", "api", "v1",
                        "json", "data", f"{ISOLET_DATA_ID}.gz")
    return os.path.exists(path)


def _check_online(timeout):
    try:
        socket.create_connection((OPENML_HOST, 443), timeout=timeout).close()
    except OSError as exc:
        raise ConnectionError(
            f"cannot reach {OPENML_HOST} ({exc}); ISOLET is downloaded from "
            "OpenML the first time it is used and cached afterwards. Connect "
            "to the internet, or use a bundled data set such as "
            "sklearn.datasets.load_digits instead") from exc


def _encode_letters(target):
    # OpenML stores the class as the nominal values '1'..'26' (a..z); accept
    # the letters themselves as well.
    target = np.asarray(target).astype(str)
    letters = np.array(list(string.ascii_lowercase))
    if np.all(np.char.isdigit(target)):
        codes = target.astype(np.int64) - 1
    else:
        lookup = {letter: i for i, letter in enumerate(letters)}
        lowered = np.char.lower(np.char.strip(target))
        unknown = sorted(set(lowered) - set(lookup))
        if unknown:
            raise ValueError(
                f"ISOLET labels must be '1'..'26' or 'a'..'z', found "
                f"{unknown[:5]}")
        codes = np.array([lookup[t] for t in lowered], dtype=np.int64)
    if codes.size and (codes.min() < 0 or codes.max() > 25):
        raise ValueError(
            "ISOLET labels must be '1'..'26', found values outside that "
            f"range: {sorted(set(target))[:5]}")
    return codes, letters


def load_isolet(data_home: str | os.PathLike | None = None, *,
                return_X_y: bool = False, timeout: float = 5.0) -> Any:
    """Load ISOLET (26 spoken letters, 617 features) from OpenML.

    ISOLET holds 7797 recordings of 150 speakers saying each letter of the
    English alphabet, described by 617 acoustic features scaled to
    [-1, 1]. The first call downloads about 40 MB from OpenML (data id
    300) with :func:`sklearn.datasets.fetch_openml` and caches it under
    ``data_home``; later calls read the cache and need no network.

    Before downloading, the loader checks within ``timeout`` seconds that
    OpenML answers, so that an offline machine gets a ``ConnectionError``
    at once instead of after several retries.

    Introduced in lecture 04 (course/04_optimizers.ipynb).

    Parameters
    ----------
    data_home : str or path-like, optional
        Cache folder, as in scikit-learn; by default
        ``sklearn.datasets.get_data_home()`` (``~/scikit_learn_data``).
    return_X_y : bool, default False
        Return ``(X, y)`` instead of a Bunch.
    timeout : float, default 5.0
        Seconds to wait for OpenML before giving up (> 0).

    Returns
    -------
    data : sklearn.utils.Bunch
        With ``data`` (X), ``target`` (y), ``target_names`` (the 26
        letters, ``target_names[y]`` is the spoken letter) and ``DESCR``.
    X : ndarray of shape (n_samples, 617)
        The features, float64 (7797 samples for the full data set).
    y : ndarray of shape (n_samples,)
        The letters as int64 codes 0..25 for 'a'..'z' (OpenML's classes
        '1'..'26' minus one).

    Raises
    ------
    ConnectionError
        If nothing is cached and OpenML cannot be reached.
    ValueError
        If ``data_home`` is not None, a string or a path, ``return_X_y``
        is not a bool, ``timeout`` is not a positive finite number, or
        the labels are not letters.
    """
    from sklearn.datasets import fetch_openml, get_data_home
    from sklearn.utils import Bunch

    if not (data_home is None or isinstance(data_home, (str, os.PathLike))):
        raise _checks.invalid("data_home", "None, a string or a path",
                              data_home)
    return_X_y = _checks.boolean(return_X_y, "return_X_y")
    timeout = _checks.number(timeout, "timeout", above=0.0,
                             what="a positive finite number of seconds")
    data_home = get_data_home(data_home)
    if not _openml_cached(data_home):
        _check_online(timeout)
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout)      # urlopen inside fetch_openml
    try:
        raw = fetch_openml(data_id=ISOLET_DATA_ID, data_home=data_home,
                           as_frame=False, parser="liac-arff",
                           n_retries=1, delay=0.1)
    finally:
        socket.setdefaulttimeout(previous)
    X = np.asarray(raw.data, dtype=np.float64)
    y, letters = _encode_letters(raw.target)
    if return_X_y:
        return X, y
    return Bunch(data=X, target=y, target_names=letters,
                 feature_names=list(raw.feature_names),
                 DESCR=raw.get("DESCR", "ISOLET, OpenML data id 300"))
