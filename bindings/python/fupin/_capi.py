"""Low-level ctypes declarations of libfupin (include/fupin/*.h).

Everything here mirrors the C API one to one; the Pythonic classes live in
fupin/__init__.py. Nothing in this module changes after import, so any number of
threads may call through it at once (fupin_last_error is thread-local in C, and it
is read on the calling thread inside the errcheck hook, right after the failing call).
"""

import ctypes
import ctypes.util
import os
import sys

__all__ = [
    "BINDING_MAJOR", "C", "DECLARATIONS", "FupinError", "OutOfMemory", "InvalidValue",
    "ParseError", "RangeError", "NotFound", "FupinIOError", "Exists", "BufferTooSmall",
    "NullValue", "UnavailableError", "library_path", "missing_functions",
]

#: The version of the C API this binding was written against. A library with a
#: different major is refused (style.md: "a binding compares the major with its own");
#: while the major is 0, a minor release may break the API (semantic versioning), so
#: the minor must match too.
BINDING_MAJOR = 0
BINDING_MINOR = 2

# ------------------------------------------------------------------ return codes

OK = 0
ENOMEM = -1
EINVAL = -2
EPARSE = -3
ERANGE = -4
ENOTFOUND = -5
EIO = -6
EEXIST = -7
ENOSPC = -8
ENULL = -9


class FupinError(Exception):
    """A negative return code of libfupin.

    ``code`` is the FUPIN_E* value, ``message`` the detail of fupin_last_error()
    (read on the failing thread right after the call; fupin_strerror() when the
    library gave no detail) and ``function`` the C function that failed.
    """

    def __init__(self, code, message, function=None):
        Exception.__init__(self, message)
        self.code = code
        self.message = message
        self.function = function

    def __str__(self):
        return self.message

    def __reduce__(self):
        return (_error_from_code, (self.code, self.message, self.function))


class OutOfMemory(FupinError, MemoryError):
    """FUPIN_ENOMEM: an allocation failed; nothing was changed."""


class InvalidValue(FupinError, ValueError):
    """FUPIN_EINVAL: a bad argument or value (the message says which)."""


class ParseError(FupinError, ValueError):
    """FUPIN_EPARSE: a file or text could not be parsed (file, line, column)."""


class RangeError(FupinError, ValueError):
    """FUPIN_ERANGE: a value outside its allowed range."""


class NotFound(FupinError, LookupError):
    """FUPIN_ENOTFOUND: a name, file, year or record that does not exist."""


class FupinIOError(FupinError, OSError):
    """FUPIN_EIO: reading or writing a file failed."""

    def __init__(self, code, message, function=None):
        # OSError's constructor interprets two arguments as (errno, strerror): give
        # it one so that str(), args and pickling stay those of FupinError.
        OSError.__init__(self, message)
        self.code = code
        self.message = message
        self.function = function

    def __str__(self):
        return self.message


class Exists(FupinError, ValueError):
    """FUPIN_EEXIST: a duplicate id or key."""


class BufferTooSmall(FupinError):
    """FUPIN_ENOSPC: never seen by users (the binding retries with a larger buffer)."""


class NullValue(FupinError):
    """FUPIN_ENULL: the figure is null. The classes return None instead of raising."""


_ERRORS = {
    ENOMEM: OutOfMemory,
    EINVAL: InvalidValue,
    EPARSE: ParseError,
    ERANGE: RangeError,
    ENOTFOUND: NotFound,
    EIO: FupinIOError,
    EEXIST: Exists,
    ENOSPC: BufferTooSmall,
    ENULL: NullValue,
}


def _error_from_code(code, message, function=None):
    return _ERRORS.get(code, FupinError)(code, message, function)


class UnavailableError(AttributeError):
    """The loaded libfupin does not export a function this binding declares."""


# ------------------------------------------------------------------ opaque types


class Policy(ctypes.Structure):
    """struct fupin_policy (opaque)."""


class Household(ctypes.Structure):
    """struct fupin_household (opaque)."""


class Result(ctypes.Structure):
    """struct fupin_result (opaque)."""


class Evaluator(ctypes.Structure):
    """struct fupin_evaluator (opaque)."""


class Village(ctypes.Structure):
    """struct fupin_village (opaque)."""


class Dataset(ctypes.Structure):
    """struct fupin_dataset (opaque)."""


class LoadOptions(ctypes.Structure):
    """struct fupin_load_options (opaque)."""


# void (*fupin_progress_fn)(void *ctx, uint64_t bytes_done, uint64_t bytes_total)
PROGRESS_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_uint64, ctypes.c_uint64)


class Summary(ctypes.Structure):
    """struct fupin_summary (opaque): a village or group summary."""


class Diff(ctypes.Structure):
    """struct fupin_diff (opaque)."""


class Check(ctypes.Structure):
    """struct fupin_check (opaque)."""


P = ctypes.POINTER
c_int = ctypes.c_int
i32 = ctypes.c_int32
u32 = ctypes.c_uint32
i64 = ctypes.c_int64
u64 = ctypes.c_uint64
size = ctypes.c_size_t
dbl = ctypes.c_double
s = ctypes.c_char_p  # const char * in, and out (ctypes copies the bytes at once)

# Kinds of return value:
#   "code"  : int, 0 or a negative FUPIN_E* code -> raise on any negative return;
#   "value" : a value (size_t, an enum that may legitimately be -1, a string, a
#             pointer, void); never checked.
# The optional fourth item lists codes that the caller handles itself (returned,
# not raised): FUPIN_ENULL for figures, FUPIN_ENOSPC for caller buffers,
# FUPIN_ENOTFOUND for "no latest year".
#
# One entry per FUPIN_API declaration of include/fupin/*.h, in header order
# (tests/test_fupin.py parses the headers and checks names and types against this).
DECLARATIONS = [
    # common.h
    ("fupin_version", s, [], "value"),
    ("fupin_version_numbers", None, [P(i32), P(i32), P(i32)], "value"),
    ("fupin_strerror", s, [c_int], "value"),
    ("fupin_last_error", s, [], "value"),
    ("fupin_reason_name", s, [c_int], "value"),
    ("fupin_reason_rule", s, [c_int], "value"),
    ("fupin_reason_describe", s, [c_int, s], "value"),
    ("fupin_reason_from_name", c_int, [s, P(i32)], "code"),
    ("fupin_enum_name", s, [c_int, c_int], "value"),
    ("fupin_enum_from_name", c_int, [c_int, s, P(i32)], "code", (ENOTFOUND,)),
    ("fupin_enum_count", size, [c_int], "value"),
    ("fupin_enum_value", c_int, [c_int, size], "value"),
    ("fupin_year_range", None, [P(i32), P(i32)], "value"),
    ("fupin_name_suggest", s, [s, P(s), size], "value"),
    ("fupin_text_mask_ids", size, [s, size], "value"),
    # policy.h
    ("fupin_policy_builtin", c_int, [P(P(Policy)), s], "code"),
    ("fupin_policy_load", c_int, [P(P(Policy)), s], "code"),
    ("fupin_policy_parse", c_int, [P(P(Policy)), s, size, s, s], "code"),
    ("fupin_policy_copy", c_int, [P(P(Policy)), P(Policy)], "code"),
    ("fupin_policy_free", None, [P(Policy)], "value"),
    ("fupin_policy_name", s, [P(Policy)], "value"),
    ("fupin_policy_get", c_int, [P(Policy), s, s, i32, P(dbl)], "code"),
    ("fupin_policy_origin", c_int, [P(Policy), s, s, i32, P(s)], "code"),
    ("fupin_policy_param_count", size, [], "value"),
    ("fupin_policy_param_name", s, [size], "value"),
    ("fupin_policy_show", c_int, [P(Policy), i32, s, size, P(size)], "code", (ENOSPC,)),
    ("fupin_policy_latest_year", c_int, [P(Policy), P(i32)], "code", (ENOTFOUND,)),
    ("fupin_policy_set", c_int, [P(Policy), s, s, i32, dbl], "code"),
    # household.h
    ("fupin_household_create", c_int, [P(P(Household)), s], "code"),
    ("fupin_household_copy", c_int, [P(P(Household)), P(Household)], "code"),
    ("fupin_household_free", None, [P(Household)], "value"),
    ("fupin_result_create", c_int, [P(P(Result))], "code"),
    ("fupin_result_free", None, [P(Result)], "value"),
    ("fupin_household_id", s, [P(Household)], "value"),
    ("fupin_household_member_count", size, [P(Household)], "value"),
    ("fupin_household_incomplete", c_int, [P(Household)], "value"),
    ("fupin_household_set", c_int, [P(Household), s, s], "code"),
    ("fupin_household_field_name", s, [size], "value"),
    ("fupin_member_field_name", s, [size], "value"),
    ("fupin_income_field_name", s, [size], "value"),
    ("fupin_household_add_member", c_int, [P(Household), s, s], "code"),
    ("fupin_household_set_member", c_int, [P(Household), s, s, s], "code"),
    ("fupin_household_set_income", c_int, [P(Household), i32, s, s], "code"),
    ("fupin_household_add_event", c_int, [P(Household), i32, s, s], "code"),
    ("fupin_result_household", s, [P(Result)], "value"),
    ("fupin_result_village", s, [P(Result)], "value"),
    # Getters return FUPIN_INVALID (-100) when misused: values, not codes.
    ("fupin_result_year", i32, [P(Result)], "value"),
    ("fupin_result_guarantee", c_int, [P(Result)], "value"),
    ("fupin_result_dimension", c_int, [P(Result), c_int], "value"),
    ("fupin_result_income_status", c_int, [P(Result)], "value"),
    ("fupin_result_exit_eligible", c_int, [P(Result)], "value"),
    ("fupin_result_registration", c_int, [P(Result)], "value"),
    ("fupin_result_alert_level", c_int, [P(Result)], "value"),
    ("fupin_result_alert_category", c_int, [P(Result)], "value"),
    ("fupin_result_monitor_exit", c_int, [P(Result)], "value"),
    ("fupin_result_reason_count", size, [P(Result), c_int], "value"),
    ("fupin_result_reason", c_int, [P(Result), c_int, size], "value"),
    ("fupin_result_figure", c_int, [P(Result), c_int, P(dbl)], "code", (ENULL,)),
    ("fupin_result_per_capita_fen", c_int, [P(Result), P(i64)], "code", (ENULL,)),
    ("fupin_result_net_income_fen", c_int, [P(Result), P(i64)], "code", (ENULL,)),
    ("fupin_result_low_confidence_count", size, [P(Result)], "value"),
    ("fupin_result_low_confidence", s, [P(Result), size], "value"),
    ("fupin_result_to_json", c_int, [P(Result), s, size, P(size)], "code", (ENOSPC,)),
    ("fupin_result_csv_header", s, [], "value"),
    ("fupin_result_to_csv", c_int, [P(Result), s, size, P(size)], "code", (ENOSPC,)),
    # village.h
    ("fupin_village_create", c_int, [P(P(Village)), s, s], "code"),
    ("fupin_village_free", None, [P(Village)], "value"),
    ("fupin_village_code", s, [P(Village)], "value"),
    ("fupin_village_name", s, [P(Village)], "value"),
    ("fupin_village_household_count", size, [P(Village)], "value"),
    ("fupin_village_household", P(Household), [P(Village), size], "value"),
    ("fupin_village_find", P(Household), [P(Village), s], "value"),
    ("fupin_village_set", c_int, [P(Village), s, s], "code"),
    ("fupin_village_add_household", c_int, [P(Village), P(Household)], "code"),
    # dataset.h
    ("fupin_dataset_load", c_int, [P(P(Dataset)), s, u32], "code"),
    ("fupin_dataset_free", None, [P(Dataset)], "value"),
    ("fupin_dataset_village_count", size, [P(Dataset)], "value"),
    ("fupin_dataset_village", P(Village), [P(Dataset), size], "value"),
    ("fupin_dataset_problem_count", size, [P(Dataset)], "value"),
    ("fupin_dataset_problem", s, [P(Dataset), size], "value"),
    ("fupin_dataset_file_counts", c_int, [P(Dataset), c_int, P(u64), P(u64), P(u64)], "code"),
    ("fupin_dataset_latest_year", c_int, [P(Dataset), P(i32)], "code", (ENOTFOUND,)),
    ("fupin_dataset_default_year", c_int, [P(Dataset), P(Policy), P(i32)], "code"),
    ("fupin_load_options_create", c_int, [P(P(LoadOptions))], "code"),
    ("fupin_load_options_free", None, [P(LoadOptions)], "value"),
    ("fupin_load_options_set_flags", c_int, [P(LoadOptions), u32], "code"),
    ("fupin_load_options_set_encoding", c_int, [P(LoadOptions), c_int], "code"),
    ("fupin_encoding_from_name", c_int, [s, P(c_int)], "code"),
    ("fupin_load_options_set_progress", c_int, [P(LoadOptions), PROGRESS_FN, ctypes.c_void_p],
     "code"),
    ("fupin_dataset_load_with_options", c_int, [P(P(Dataset)), s, P(LoadOptions)], "code"),
    ("fupin_dataset_notice_count", size, [P(Dataset)], "value"),
    ("fupin_dataset_notice", s, [P(Dataset), size], "value"),
    ("fupin_dataset_household_count", size, [P(Dataset)], "value"),
    ("fupin_dataset_income_household_count", c_int, [P(Dataset), i32, P(size)], "code"),
    ("fupin_dataset_default_year_source", c_int, [P(Dataset), P(Policy), P(c_int)], "code"),
    # summary.h
    ("fupin_summary_create", c_int, [P(P(Summary))], "code"),
    ("fupin_summary_free", None, [P(Summary)], "value"),
    ("fupin_summary_kind", c_int, [P(Summary)], "value"),
    ("fupin_summary_code", s, [P(Summary)], "value"),
    ("fupin_summary_name", s, [P(Summary)], "value"),
    ("fupin_summary_year", i32, [P(Summary)], "value"),
    ("fupin_summary_village_count", i64, [P(Summary)], "value"),
    ("fupin_summary_exit_eligible", c_int, [P(Summary)], "value"),
    ("fupin_summary_count", c_int, [P(Summary), c_int, P(i64)], "code", (ENULL,)),
    ("fupin_summary_figure", c_int, [P(Summary), c_int, P(dbl)], "code", (ENULL,)),
    ("fupin_summary_reason_count", size, [P(Summary)], "value"),
    ("fupin_summary_reason", c_int, [P(Summary), size], "value"),
    ("fupin_summary_mpi", c_int, [P(Summary), c_int, P(dbl)], "code", (ENULL,)),
    ("fupin_summary_mpi_dimension", c_int, [P(Summary), c_int, P(dbl), P(dbl)],
     "code", (ENULL,)),
    ("fupin_summary_mpi_excluded", i64, [P(Summary)], "value"),
    ("fupin_summary_visit_count", size, [P(Summary)], "value"),
    ("fupin_summary_visit", i64, [P(Summary), size], "value"),
    ("fupin_summary_visit_id", s, [P(Summary), size], "value"),
    ("fupin_summary_low_confidence_count", size, [P(Summary)], "value"),
    ("fupin_summary_low_confidence", s, [P(Summary), size], "value"),
    ("fupin_summary_to_json", c_int, [P(Summary), s, size, P(size)], "code", (ENOSPC,)),
    # evaluate.h
    ("fupin_evaluator_create", c_int, [P(P(Evaluator)), P(Policy), i32], "code"),
    ("fupin_evaluator_create_since", c_int, [P(P(Evaluator)), P(Policy), i32, i32], "code"),
    ("fupin_evaluator_free", None, [P(Evaluator)], "value"),
    ("fupin_evaluator_series_origin", s, [P(Evaluator)], "value"),
    ("fupin_evaluator_evaluate_household", c_int, [P(Evaluator), P(Household), P(Result)],
     "code"),
    ("fupin_evaluator_evaluate_village", c_int, [P(Evaluator), P(Village), P(Summary)], "code"),
    ("fupin_evaluator_evaluate_group", c_int, [P(Evaluator), P(Dataset), s, P(Summary)], "code"),
    ("fupin_evaluator_evaluate_group_villages", c_int,
     [P(Evaluator), P(P(Village)), size, s, P(Summary)], "code"),
    ("fupin_household_evaluate", c_int, [P(Policy), P(Household), i32, P(Result)], "code"),
    ("fupin_village_evaluate", c_int, [P(Policy), P(Village), i32, P(Summary)], "code"),
    # diff.h
    ("fupin_diff_dataset", c_int, [P(P(Diff)), P(Policy), P(Policy), P(Dataset), i32], "code"),
    ("fupin_diff_village", c_int, [P(P(Diff)), P(Policy), P(Policy), P(Village), i32], "code"),
    ("fupin_diff_free", None, [P(Diff)], "value"),
    ("fupin_check_dataset", c_int, [P(P(Check)), P(Policy), P(Dataset), s, i32], "code"),
    ("fupin_check_free", None, [P(Check)], "value"),
    ("fupin_diff_households_changed", size, [P(Diff)], "value"),
    ("fupin_diff_villages_changed", size, [P(Diff)], "value"),
    ("fupin_diff_line_count", size, [P(Diff)], "value"),
    ("fupin_diff_line", s, [P(Diff), size], "value"),
    ("fupin_diff_transition_count", size, [P(Diff)], "value"),
    ("fupin_diff_transition", s, [P(Diff), size, P(u64)], "value"),
    ("fupin_diff_transition_parts", c_int, [P(Diff), size, P(s), P(s), P(s), P(u64)], "code"),
    ("fupin_diff_change_count", size, [P(Diff)], "value"),
    ("fupin_diff_change", c_int, [P(Diff), size, P(s), P(s), P(s), P(s), P(s)], "code"),
    ("fupin_check_passed", size, [P(Check)], "value"),
    ("fupin_check_failed", size, [P(Check)], "value"),
    ("fupin_check_mismatch", s, [P(Check), size], "value"),
]

# ------------------------------------------------------------------ finding the library

_LIB_NAMES = {
    "darwin": ("libfupin.dylib",),
    "win32": ("fupin.dll", "libfupin.dll"),
}.get(sys.platform, ("libfupin.so",))


def _candidates():
    env = os.environ.get("FUPIN_LIBRARY")
    if env:
        # An explicit choice is final: a wrong path is an error, not a fallback.
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    # Installed with pip (pyproject.toml): the package carries its own library.
    for name in _LIB_NAMES:
        p = os.path.join(here, name)
        if os.path.exists(p):
            yield p
    d = here
    while True:
        for name in _LIB_NAMES:
            p = os.path.join(d, "build", "lib", name)
            if os.path.exists(p):
                yield p
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    found = ctypes.util.find_library("fupin")
    if found:
        yield found


def _load():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
            if os.environ.get("FUPIN_LIBRARY"):
                break
    raise ImportError(
        "fupin: cannot load libfupin; set FUPIN_LIBRARY to the shared library "
        "(build/lib/libfupin.so). Tried: " + ("; ".join(tried) or "nothing found"))


class _Namespace:
    """The C functions, one attribute each (tests wrap them to record calls)."""


def _unavailable(name, path):
    def stub(*args, **kwargs):
        raise UnavailableError(
            "%s is not exported by %s (a library older than this binding?)" % (name, path))
    stub.__name__ = name
    stub.unavailable = True
    return stub


def _make_errcheck(lib, name, passthrough):
    last_error = lib.fupin_last_error
    strerror = lib.fupin_strerror

    def errcheck(rc, func, args):
        if rc >= 0 or rc in passthrough:
            return rc
        # Same thread, right after the call: nothing else can have overwritten it.
        detail = last_error()
        msg = detail.decode("utf-8", "replace") if detail else ""
        if not msg:
            msg = strerror(rc).decode("utf-8", "replace")
        raise _error_from_code(rc, msg, name)

    return errcheck


def _declare(lib, path):
    ns = _Namespace()
    missing = []
    # The error functions first: every errcheck uses them.
    for name in ("fupin_last_error", "fupin_strerror"):
        f = getattr(lib, name)
        f.restype = s
        f.argtypes = [] if name == "fupin_last_error" else [c_int]
    for decl in DECLARATIONS:
        name, restype, argtypes, kind = decl[:4]
        passthrough = decl[4] if len(decl) > 4 else ()
        try:
            f = getattr(lib, name)
        except AttributeError:
            missing.append(name)
            setattr(ns, name, _unavailable(name, path))
            continue
        f.restype = restype
        f.argtypes = argtypes
        if kind == "code":
            f.errcheck = _make_errcheck(lib, name, passthrough)
        setattr(ns, name, f)
    return ns, tuple(missing)


_lib, _path = _load()
C, _missing = _declare(_lib, _path)


def library_path():
    """The path of the loaded libfupin."""
    return _path


def missing_functions():
    """Declared functions the loaded library does not export (empty when complete)."""
    return _missing


def check_version(major, path=None, minor=None):
    """Refuse a library whose major version differs from BINDING_MAJOR (and, for a 0.x
    library, whose minor differs from BINDING_MINOR)."""
    if major != BINDING_MAJOR:
        raise ImportError(
            "fupin: %s has major version %d, this binding needs major %d"
            % (path or "libfupin", major, BINDING_MAJOR))
    if major == 0 and minor is not None and minor != BINDING_MINOR:
        raise ImportError(
            "fupin: %s has version 0.%d, this binding needs 0.%d"
            % (path or "libfupin", minor, BINDING_MINOR))


def version_numbers():
    a, b, c = i32(), i32(), i32()
    C.fupin_version_numbers(ctypes.byref(a), ctypes.byref(b), ctypes.byref(c))
    return (a.value, b.value, c.value)


check_version(version_numbers()[0], _path, version_numbers()[1])
