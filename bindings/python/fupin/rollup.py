"""Roll-ups (include/fupin/rollup.h): group results that merge exactly, their
serialised text form, and dataset roots split into partitions.

    from fupin import rollup
    part = rollup.group_partition("data/52/5201", "national", "52")  # text
    total = rollup.merge_texts([part_a, part_b])                      # a Summary
    total.to_json()   # what `fupin group --prefix 52 ROOT` prints for the whole

The serialised form holds only counts and sums (no household id, nothing personal),
so it can travel between processes and machines (examples/dask/rollup.py).
"""

import ctypes

from . import _capi
from . import (C, Dataset, Evaluator, Summary, LOAD_LENIENT, LOAD_STRICT, Policy, _b,
               _byref, _free_later, _Handle, _u)

__all__ = ["serialize", "parse", "merge", "merge_texts", "group_partition", "Root", "write_report"]


def serialize(result):
    """The serialised form of a Summary (str, "fupin-group-summary 1" ...)."""
    buf = ctypes.create_string_buffer(8192)
    needed = ctypes.c_size_t()
    rc = C.fupin_summary_serialize(result._ptr, buf, len(buf), _byref(needed))
    if rc == _capi.ENOSPC:
        buf = ctypes.create_string_buffer(needed.value + 1)
        C.fupin_summary_serialize(result._ptr, buf, len(buf), _byref(needed))
    return buf.raw[:needed.value].decode("ascii")


def parse(text, into=None):
    """A Summary from its serialised form (checked; ParseError when invalid)."""
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    r = into if into is not None else Summary()
    C.fupin_summary_parse(r._ptr, data, len(data))
    return r


def merge(into, other):
    """Merge Summary other into Summary into (disjoint villages); returns into."""
    C.fupin_summary_merge(into._ptr, other._ptr)
    return into


def merge_texts(texts):
    """One Summary from serialised parts (any order: the sums are exact)."""
    total = Summary()
    with Summary() as part:
        for t in texts:
            merge(total, parse(t, into=part))
    return total


def _policy(policy):
    if isinstance(policy, Policy):
        return policy
    return Policy.builtin(policy) if policy == "national" else Policy.load(policy)


def group_partition(path, policy, prefix, year, since=None, lenient=False):
    """Load one dataset folder, group it by prefix for year and return the serialised
    result (str). What a worker of a distributed roll-up runs per partition."""
    pol = _policy(policy)
    with Dataset.load(path, lenient=lenient) as ds, Evaluator(pol, year, since) as ev:
        with ev.group_result(ds, prefix) as r:
            return serialize(r)


class Root(_Handle):
    """The partitions (dataset folders with villages.csv) under a folder, in sorted
    path order (docs/scale.md)."""

    _free_name = "fupin_root_free"
    __slots__ = ()

    def __init__(self, path):
        out = ctypes.POINTER(_capi.Root)()
        C.fupin_root_open(_byref(out), _b(str(path)))
        self._init_owned(out)

    @property
    def partitions(self):
        p = self._ptr
        return [_u(C.fupin_root_partition_path(p, i))
                for i in range(C.fupin_root_partition_count(p))]

    @property
    def latest_year(self):
        """The latest year in any partition's incomes.csv (None when there is none)."""
        y = ctypes.c_int32()
        C.fupin_root_latest_year(self._ptr, _byref(y))
        return y.value or None

    def group_result(self, evaluator, prefix, lenient=False, threads=0, into=None):
        """The group over every partition (loaded threads at a time) as a Summary."""
        r = into if into is not None else Summary()
        C.fupin_root_group(self._ptr, evaluator._ptr, _b(prefix),
                           LOAD_LENIENT if lenient else LOAD_STRICT, threads, r._ptr)
        return r

    def each(self, visit, lenient=False, threads=0, encoding=None):
        """Call visit(index, dataset) for every partition in partition order, one call at
        a time (possibly on a library thread), with up to threads partitions loaded at
        once (encoding as in Dataset.load). The dataset is borrowed: valid only during
        the call. A truthy return value or an exception stops the walk (the exception
        is raised here)."""
        errors = []

        def callback(user, index, ptr):
            ds = Dataset.__new__(Dataset)
            ds._init_borrowed(ptr, self)
            try:
                return 1 if visit(index, ds) else 0
            except BaseException as e:  # noqa: B902 - carried to the caller's thread
                errors.append(e)
                return 1
            finally:
                ds._raw = None

        fn = _capi.RootVisitFn(callback)
        flags = LOAD_LENIENT if lenient else LOAD_STRICT
        if encoding is None:
            rc = C.fupin_root_each(self._ptr, flags, threads, fn, None)
        else:
            opts = ctypes.POINTER(_capi.LoadOptions)()
            C.fupin_load_options_create(_byref(opts))
            try:
                C.fupin_load_options_set_flags(opts, flags)
                enc = ctypes.c_int()
                C.fupin_encoding_from_name(_b(str(encoding)), _byref(enc))
                C.fupin_load_options_set_encoding(opts, enc.value)
                rc = C.fupin_root_each_with_options(self._ptr, opts, threads, fn, None)
            finally:
                C.fupin_load_options_free(opts)
        if errors:
            raise errors[0]
        return rc == 0


REPORT_CSV = 1
REPORT_ALERTS_ONLY = 2


def write_report(dataset, evaluator, file, csv=False, alerts_only=False, threads=0):
    """Write the lines of `fupin report` for a dataset to a binary file object, the
    villages evaluated in parallel (threads; 0 = every core) and written in file order.
    CSV rows come without the header (fupin.result_csv_header() gives it)."""
    errors = []

    def callback(user, data, length, villages):
        try:
            file.write(ctypes.string_at(data, length))
            return 0
        except BaseException as e:  # noqa: B902 - carried to the caller's thread
            errors.append(e)
            return 1

    fn = _capi.ReportWriteFn(callback)
    flags = (REPORT_CSV if csv else 0) | (REPORT_ALERTS_ONLY if alerts_only else 0)
    C.fupin_dataset_report(dataset._ptr, evaluator._ptr, flags, threads, fn, None)
    if errors:
        raise errors[0]
