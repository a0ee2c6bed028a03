"""fupin: China's rural poverty-alleviation rules, household by household.

A ctypes binding of libfupin that needs nothing but the Python standard library and
the built shared library (found through FUPIN_LIBRARY, the build tree, or the system).

    import fupin
    with fupin.Policy.builtin("national") as policy, fupin.Dataset.load("examples/data") as ds:
        for record in ds.report(policy):
            print(record)

Results are plain dicts with the keys of the JSON output (docs/reference/output.md):
``json.dumps(record, ensure_ascii=False, separators=(",", ":"))`` is the line that
``fupin report`` prints.

Every object owns a C handle released by ``close()``, by a ``with`` block, or, at the
latest, when it is garbage-collected. Objects handed out by another object (a
dataset's villages, a village's households) borrow its memory and keep it alive.
Different objects may be used from different threads at once, and one Policy,
Evaluator, Dataset or Village may be read by many threads at once as long as no
thread changes it (``Policy.set``, ``Village.set``/``add``).
"""

import ctypes
import json
import weakref
from collections import namedtuple

from . import _capi
from ._capi import (  # noqa: F401  (re-exported)
    BINDING_MAJOR, Exists, FupinError, FupinIOError, InvalidValue, NotFound, NullValue,
    OutOfMemory, ParseError, RangeError, UnavailableError, BufferTooSmall,
    library_path, missing_functions,
)

__all__ = [
    "Policy", "Household", "Village", "Dataset", "Evaluator", "Result", "Summary",
    "Diff", "Check", "enum_names", "year_range",
    "FileCounts", "Transition", "Change", "FupinError", "OutOfMemory", "InvalidValue", "ParseError", "RangeError",
    "NotFound", "FupinIOError", "Exists", "BufferTooSmall", "NullValue", "UnavailableError",
    "version", "version_numbers", "library_path", "missing_functions", "strerror",
    "reason_name", "reason_code", "reason_rule", "reason_describe", "param_names", "suggest",
]

__version__ = "0.2.0"

C = _capi.C
_byref = ctypes.byref

# The enum kinds of fupin_enum_name() (enum fupin_enum in fupin/common.h): ABI
# constants, like the return codes. The names themselves come from the library.
ENUM_STATUS = 0
ENUM_TRI = 1
ENUM_INCOME_STATUS = 2
ENUM_DIMENSION = 3
ENUM_REGISTRATION = 4
ENUM_ALERT_LEVEL = 5
ENUM_CATEGORY = 6
ENUM_MONITOR_EXIT = 7
ENUM_REASON = 8
ENUM_LIST = 9
ENUM_FIGURE = 10
ENUM_DATASET_FILE = 11
ENUM_SUMMARY_COUNT = 12
ENUM_SUMMARY_FIGURE = 13
ENUM_MPI_FIGURE = 14
ENUM_MPI_DIMENSION = 15
ENUM_SUMMARY_KIND = 16
#: The misuse value of every getter (FUPIN_INVALID in fupin/common.h).
INVALID = -100
LOAD_STRICT = 0
LOAD_LENIENT = 1

FileCounts = namedtuple("FileCounts", "read loaded skipped")


class Transition(namedtuple("Transition", "field before after count")):
    """A distinct change (field, value before, value after) and how many records made
    it; ``text`` is the form `fupin diff` prints: "alert.level none->warning"."""

    __slots__ = ()

    @property
    def text(self):
        return "%s %s->%s" % (self.field, self.before, self.after)

Change = namedtuple("Change", "record id field before after")


# ------------------------------------------------------------------ helpers


def _b(text):
    """A Python value as the CSV text the C API takes (None means unknown)."""
    if text is None:
        return None
    if isinstance(text, bytes):
        return text
    if isinstance(text, bool):
        return b"1" if text else b"0"
    return str(text).encode("utf-8")


def _mask(text):
    """text with identity numbers masked by the library's own rule (fupin_text_mask_ids),
    for messages that quote what a caller passed."""
    raw = str(text).encode("utf-8", "replace")
    buf = ctypes.create_string_buffer(raw, len(raw) + 1)
    C.fupin_text_mask_ids(buf, len(raw))
    return buf.raw[:len(raw)].decode("utf-8", "replace")


def _name(text):
    if not isinstance(text, str):
        raise TypeError(_mask("expected a str, got %r" % (text,)))
    return text.encode("utf-8")


def _u(raw):
    return None if raw is None else raw.decode("utf-8")


def _text(fn, *args):
    """Call a C writer with the ENOSPC convention: retry once with the size it asks for."""
    buf = ctypes.create_string_buffer(1024)
    needed = ctypes.c_size_t()
    rc = fn(*args, buf, len(buf), _byref(needed))
    if rc == _capi.ENOSPC:
        buf = ctypes.create_string_buffer(needed.value + 1)
        fn(*args, buf, len(buf), _byref(needed))
    return buf.raw[:needed.value].decode("utf-8")


def enum_names(kind):
    """The names of every value of an enum kind (ENUM_*), in the order of the enum, as
    the library names them (the JSON contract's texts)."""
    return [_u(C.fupin_enum_name(kind, C.fupin_enum_value(kind, i)))
            for i in range(C.fupin_enum_count(kind))]


def _lookup(kind, key, what):
    """The value of an enum given its name (or the value itself)."""
    if isinstance(key, int):
        return key
    out = _capi.i32()
    if C.fupin_enum_from_name(kind, _name(key), _byref(out)) == _capi.ENOTFOUND:
        raise ValueError(_mask("unknown %s %r (one of %s)"
                               % (what, key, ", ".join(enum_names(kind))))) from None
    return out.value


_TRI = {"true": True, "false": False, "null": None}


def _enum(kind, value):
    """The JSON value of an enum value: its name, None for the null value, and True /
    False for a three-valued boolean."""
    if value == INVALID:
        raise ValueError(_u(C.fupin_last_error()))
    name = _u(C.fupin_enum_name(kind, value))
    if kind == ENUM_TRI:
        return _TRI[name]
    return None if name == "null" else name


def _free_later(owner, free_name, ptr):
    # The free function is looked up when it runs, so that tests can record it.
    return weakref.finalize(owner, lambda: getattr(C, free_name)(ptr))


def _mpi_dimension(fn, ptr, dim):
    """(censored_headcount, contribution) of an R-V5 dimension, None where null. One
    call per figure: the C function has one return code for both outputs."""
    d = _lookup(ENUM_MPI_DIMENSION, dim, "dimension")
    h, c = ctypes.c_double(), ctypes.c_double()
    rh = fn(ptr, d, _byref(h), None)
    rc = fn(ptr, d, None, _byref(c))
    return (None if rh == _capi.ENULL else h.value, None if rc == _capi.ENULL else c.value)


class _Handle:
    """An owned or borrowed C handle.

    Owned: freed by close(), a with block or the finalizer. Borrowed: `_owner` is the
    object whose memory it points into (kept alive by this reference); it is valid
    while the owner is open and, for a village's households, unchanged.
    """

    _free_name = None
    __slots__ = ("_raw", "_owner", "_gen", "_finalizer", "__weakref__")

    def _init_owned(self, ptr):
        self._raw = ptr
        self._owner = None
        self._gen = None
        self._finalizer = _free_later(self, self._free_name, ptr)

    def _init_borrowed(self, ptr, owner, generation=None):
        self._raw = ptr
        self._owner = owner
        self._gen = generation
        self._finalizer = None

    @property
    def _ptr(self):
        if self._raw is None:
            raise ValueError("%s is closed" % type(self).__name__)
        owner = self._owner
        if owner is not None:
            owner._ptr  # raises when the owner was closed
            if self._gen is not None and self._gen != owner._generation:
                raise ValueError("%s is stale: its village changed since it was fetched"
                                 % type(self).__name__)
        return self._raw

    @property
    def borrowed(self):
        """True when this object points into another one's memory."""
        return self._owner is not None

    def close(self):
        """Release the C handle now (borrowed handles just stop being usable)."""
        if self._finalizer is not None:
            self._finalizer()
        self._raw = None

    @property
    def closed(self):
        return self._raw is None

    def __enter__(self):
        self._ptr
        return self

    def __exit__(self, *exc):
        self.close()
        return False


# ------------------------------------------------------------------ module functions


def version():
    """The library's version at run time, e.g. "0.2.0"."""
    return _u(C.fupin_version())


def version_numbers():
    """(major, minor, patch) of the loaded library."""
    a, b, c = ctypes.c_int32(), ctypes.c_int32(), ctypes.c_int32()
    C.fupin_version_numbers(_byref(a), _byref(b), _byref(c))
    return (a.value, b.value, c.value)


def strerror(code):
    """The static description of a return code."""
    return _u(C.fupin_strerror(code))


def last_error():
    """This thread's last failure detail ("" when nothing failed)."""
    return _u(C.fupin_last_error())


def reason_code(name):
    """The number of a reason code given its name ("EDU_DROPOUT" -> 5)."""
    out = ctypes.c_int32()
    C.fupin_reason_from_name(_name(name), _byref(out))
    return out.value


def _reason(code_or_name):
    return code_or_name if isinstance(code_or_name, int) else reason_code(code_or_name)


def reason_name(code):
    """The name of a reason code (5 -> "EDU_DROPOUT"), or None."""
    return _u(C.fupin_reason_name(code))


def reason_rule(code_or_name):
    """The rule id that produces a reason ("R-G3"), or None."""
    return _u(C.fupin_reason_rule(_reason(code_or_name)))


def reason_describe(code_or_name, lang="en"):
    """A one-line description of a reason in "en" or "zh", or None."""
    return _u(C.fupin_reason_describe(_reason(code_or_name), _b(lang)))


def year_range():
    """(FUPIN_YEAR_MIN, FUPIN_YEAR_MAX): the years the library accepts."""
    a, b = ctypes.c_int32(), ctypes.c_int32()
    C.fupin_year_range(_byref(a), _byref(b))
    return (a.value, b.value)
def suggest(word, names):
    """The name of `names` closest to `word` when `word` looks like a misspelling of it
    (the library's fupin_name_suggest: 1 edit in a word of up to 5 characters, 2 in a
    longer one, letter case ignored), else None."""
    names = [_b(n) for n in names]
    arr = (ctypes.c_char_p * len(names))(*names)
    near = C.fupin_name_suggest(_b(word), arr, len(names))
    return _u(near) if near is not None else None


def _field_names(getter):
    names, i = [], 0
    while True:
        n = getter(i)
        if n is None:
            return tuple(_u(x) for x in names)
        names.append(n)
        i += 1


_KNOWN_FIELDS = {}


def _known_fields(kind):
    """The fields the library takes for a record kind: household, member, income."""
    if kind not in _KNOWN_FIELDS:
        getter = {"household": C.fupin_household_field_name,
                  "member": C.fupin_member_field_name,
                  "income": C.fupin_income_field_name}[kind]
        _KNOWN_FIELDS[kind] = _field_names(getter)
    return _KNOWN_FIELDS[kind]


# Columns of the dataset files that name the record rather than describe it: a row
# of members.csv or incomes.csv passed whole carries them, and they are not fields.
_KEY_COLUMNS = {"household": ("household_id",), "member": ("household_id", "member_id"),
                "income": ("household_id", "year")}


def _row_fields(kind, fields):
    """The fields of a CSV row that the library takes. A name it does not know is
    ignored, as the dataset loader ignores an export's extra columns, unless it is
    close to a known name (a misspelling such as "housng"): that raises InvalidValue
    with the name meant, so that a typo never silently drops a fact."""
    known = _known_fields(kind)
    out = {}
    for field, value in fields.items():
        if field in known:
            out[field] = value
            continue
        if field in _KEY_COLUMNS[kind]:
            continue
        near = suggest(field, known)
        if near is not None:
            raise InvalidValue(_capi.EINVAL, 'unknown %s field "%s" (did you mean %s?)'
                               % (kind, field, near))
    return out


def param_names():
    """The parameter names the library knows (rows of data/national-defaults.csv)."""
    return [_u(C.fupin_policy_param_name(i)) for i in range(C.fupin_policy_param_count())]


# ------------------------------------------------------------------ policies


class Policy(_Handle):
    """A set of parameters over years. Policy.builtin / load / parse / copy."""

    _free_name = "fupin_policy_free"
    __slots__ = ()

    def __init__(self, _ptr):
        if not isinstance(_ptr, ctypes.POINTER(_capi.Policy)):
            raise TypeError("use Policy.builtin(), Policy.load() or Policy.parse()")
        self._init_owned(_ptr)

    @staticmethod
    def _out():
        return ctypes.POINTER(_capi.Policy)()

    @classmethod
    def builtin(cls, name="national"):
        out = cls._out()
        C.fupin_policy_builtin(_byref(out), _name(name))
        return cls(out)

    @classmethod
    def load(cls, path):
        """Load a policy file (or a built-in name)."""
        out = cls._out()
        C.fupin_policy_load(_byref(out), _b(str(path)))
        return cls(out)

    @classmethod
    def parse(cls, text, filename="<string>", base_dir=None):
        """Parse policy text; relative `extends` paths are looked up in base_dir."""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        out = cls._out()
        C.fupin_policy_parse(_byref(out), data, len(data), _b(filename),
                             None if base_dir is None else _b(str(base_dir)))
        return cls(out)

    def copy(self):
        """An independent deep copy."""
        out = self._out()
        C.fupin_policy_copy(_byref(out), self._ptr)
        return type(self)(out)

    __copy__ = copy

    @property
    def name(self):
        return _u(C.fupin_policy_name(self._ptr))

    def get(self, name, variant=None, *, year):
        """The value of a parameter for a year (docs/reference/rules.md section 7)."""
        out = ctypes.c_double()
        C.fupin_policy_get(self._ptr, _name(name), _b(variant), year, _byref(out))
        return out.value

    def origin(self, name, variant=None, *, year):
        """Where get() takes its value from: "built-in: SOURCE" or "FILE:LINE"."""
        out = ctypes.c_char_p()
        C.fupin_policy_origin(self._ptr, _name(name), _b(variant), year, _byref(out))
        return _u(out.value)

    def set(self, name, value, year=None, variant=None):
        """Set a parameter as a policy-file line would: year None replaces the series,
        a year layers an entry from that year on. Not while other threads read it."""
        C.fupin_policy_set(self._ptr, _name(name), _b(variant), year or 0, float(value))

    def show(self, year):
        """The parameters in force for a year, as `fupin policy show` prints them."""
        return _text(C.fupin_policy_show, self._ptr, year)

    @property
    def latest_year(self):
        """The latest year a dated entry names, or None."""
        out = ctypes.c_int32()
        rc = C.fupin_policy_latest_year(self._ptr, _byref(out))
        return None if rc == _capi.ENOTFOUND else out.value

    def evaluator(self, year, since=None):
        return Evaluator(self, year, since)

    def __repr__(self):
        return "<fupin.Policy %r>" % (self.name if not self.closed else "closed")


# ------------------------------------------------------------------ evaluators and results


class Evaluator(_Handle):
    """A policy resolved for one year (and optionally a span start `since`).

    Immutable: one evaluator may serve any number of threads at once.
    """

    _free_name = "fupin_evaluator_free"
    __slots__ = ("year", "since")

    def __init__(self, policy, year, since=None):
        out = ctypes.POINTER(_capi.Evaluator)()
        if since is None:
            C.fupin_evaluator_create(_byref(out), policy._ptr, year)
        else:
            C.fupin_evaluator_create_since(_byref(out), policy._ptr, year, since)
        self._init_owned(out)
        self.year = year
        self.since = since

    @property
    def series_origin(self):
        """Where the national_rural_income value that growth is compared with comes
        from (R-I4), as Policy.origin gives it; "" when the year has none."""
        return _u(C.fupin_evaluator_series_origin(self._ptr))

    def household_result(self, household, into=None):
        """Evaluate into a Result (a new one, or `into`, reused)."""
        r = into if into is not None else Result()
        C.fupin_evaluator_evaluate_household(self._ptr, household._ptr, r._ptr)
        return r

    def household(self, household):
        """The household's result as a dict (the JSON output's keys)."""
        with Result() as r:
            return self.household_result(household, r).to_dict()

    def village_result(self, village, into=None):
        """Evaluate a village into a Summary (a new one, or `into`, reused)."""
        r = into if into is not None else Summary()
        C.fupin_evaluator_evaluate_village(self._ptr, village._ptr, r._ptr)
        return r

    def group_result(self, where, prefix, into=None):
        """Evaluate the group of villages whose code starts with prefix (2, 4, 6 or 9
        digits; R-V4, R-V5) over a Dataset or a list of Villages, into a Summary."""
        r = into if into is not None else Summary()
        if isinstance(where, Dataset):
            C.fupin_evaluator_evaluate_group(self._ptr, where._ptr, _name(prefix), r._ptr)
        else:
            villages = list(where)
            arr = (ctypes.POINTER(_capi.Village) * max(len(villages), 1))(
                *[v._ptr for v in villages])
            C.fupin_evaluator_evaluate_group_villages(self._ptr, arr, len(villages),
                                                      _name(prefix), r._ptr)
        return r

    def group(self, where, prefix):
        """The group's summary as a dict {"group": {...}}."""
        with Summary() as r:
            return self.group_result(where, prefix, r).to_dict()

    def village(self, village):
        """The village's summary as a dict {"village": {...}}."""
        with Summary() as r:
            return self.village_result(village, r).to_dict()


class Result(_Handle):
    """A reusable result buffer of one household in one year."""

    _free_name = "fupin_result_free"
    __slots__ = ()

    def __init__(self):
        out = ctypes.POINTER(_capi.Result)()
        C.fupin_result_create(_byref(out))
        self._init_owned(out)

    @property
    def household(self):
        return _u(C.fupin_result_household(self._ptr))

    @property
    def village(self):
        return _u(C.fupin_result_village(self._ptr))

    @property
    def year(self):
        return C.fupin_result_year(self._ptr)

    @property
    def guarantee(self):
        return _enum(ENUM_STATUS, C.fupin_result_guarantee(self._ptr))

    def dimension(self, dim):
        """The status of a dimension ("food" ... "water", or 0..5)."""
        return _enum(ENUM_STATUS, C.fupin_result_dimension(
            self._ptr, _lookup(ENUM_DIMENSION, dim, "dimension")))

    @property
    def income_status(self):
        return _enum(ENUM_INCOME_STATUS, C.fupin_result_income_status(self._ptr))

    @property
    def exit_eligible(self):
        return _enum(ENUM_TRI, C.fupin_result_exit_eligible(self._ptr))

    @property
    def registration(self):
        return _enum(ENUM_REGISTRATION, C.fupin_result_registration(self._ptr))

    @property
    def alert_level(self):
        return _enum(ENUM_ALERT_LEVEL, C.fupin_result_alert_level(self._ptr))

    @property
    def alert_category(self):
        return _enum(ENUM_CATEGORY, C.fupin_result_alert_category(self._ptr))

    @property
    def monitor_exit(self):
        return _enum(ENUM_MONITOR_EXIT, C.fupin_result_monitor_exit(self._ptr))

    def reasons(self, which="guarantee.reasons"):
        """The reason names of a list: guarantee.reasons, alert.reasons or
        monitor_exit.reasons (the JSON paths)."""
        p = self._ptr
        lst = _lookup(ENUM_LIST, which, "list")
        return [reason_name(C.fupin_result_reason(p, lst, i))
                for i in range(C.fupin_result_reason_count(p, lst))]

    def figure(self, name):
        """A derived figure by its JSON path (income.per_capita, income.growth, ...), or
        None when not computable."""
        out = ctypes.c_double()
        rc = C.fupin_result_figure(self._ptr, _lookup(ENUM_FIGURE, name, "figure"), _byref(out))
        return None if rc == _capi.ENULL else out.value

    @property
    def per_capita_fen(self):
        out = ctypes.c_int64()
        rc = C.fupin_result_per_capita_fen(self._ptr, _byref(out))
        return None if rc == _capi.ENULL else out.value

    @property
    def net_income_fen(self):
        out = ctypes.c_int64()
        rc = C.fupin_result_net_income_fen(self._ptr, _byref(out))
        return None if rc == _capi.ENULL else out.value

    @property
    def low_confidence(self):
        """The built-in values of low confidence this result used ("rural_cpi@2021"),
        in the order of data/national-defaults.csv; [] when none."""
        p = self._ptr
        return [_u(C.fupin_result_low_confidence(p, i))
                for i in range(C.fupin_result_low_confidence_count(p))]

    def to_json(self):
        """The JSON Lines record, without the newline."""
        return _text(C.fupin_result_to_json, self._ptr)

    def to_dict(self):
        return json.loads(self.to_json())

    def to_csv(self):
        """The CSV row matching csv_header()."""
        return _text(C.fupin_result_to_csv, self._ptr)

    @staticmethod
    def csv_header():
        return _u(C.fupin_result_csv_header())


class Summary(_Handle):
    """A reusable summary of one village (R-V1..R-V3) or one group of villages under a
    division-code prefix (R-V4), with the R-V5 figures. It owns everything it prints,
    so it is written without the village it came from."""

    _free_name = "fupin_summary_free"
    __slots__ = ()

    def __init__(self):
        out = ctypes.POINTER(_capi.Summary)()
        C.fupin_summary_create(_byref(out))
        self._init_owned(out)

    @property
    def kind(self):
        """"village", "group", or "none" before the first evaluation."""
        return _enum(ENUM_SUMMARY_KIND, C.fupin_summary_kind(self._ptr))

    @property
    def code(self):
        """The village code, or the group's prefix."""
        return _u(C.fupin_summary_code(self._ptr))

    prefix = code

    @property
    def name(self):
        """The village name ("" when not given, and for a group)."""
        return _u(C.fupin_summary_name(self._ptr))

    @property
    def year(self):
        return C.fupin_summary_year(self._ptr)

    @property
    def village_count(self):
        """1 for a village; the villages under the prefix for a group."""
        return C.fupin_summary_village_count(self._ptr)

    @property
    def exit_eligible(self):
        """R-V2 village exit or R-V4 county exit by incidence: True, False or None."""
        return _enum(ENUM_TRI, C.fupin_summary_exit_eligible(self._ptr))

    def count(self, name):
        """A count by its JSON path (households, poor_population, alerts.warning, ...),
        or None if null; a group's counts are summed over its villages."""
        out = ctypes.c_int64()
        rc = C.fupin_summary_count(self._ptr, _lookup(ENUM_SUMMARY_COUNT, name, "count"),
                                   _byref(out))
        return None if rc == _capi.ENULL else out.value

    def figure(self, name):
        """A figure by its JSON path (incidence, income.per_capita, ...), or None when
        not computable; a group's are pooled over its households."""
        out = ctypes.c_double()
        rc = C.fupin_summary_figure(self._ptr, _lookup(ENUM_SUMMARY_FIGURE, name, "figure"),
                                    _byref(out))
        return None if rc == _capi.ENULL else out.value

    @property
    def reasons(self):
        p = self._ptr
        return [reason_name(C.fupin_summary_reason(p, i))
                for i in range(C.fupin_summary_reason_count(p))]

    def mpi(self, name):
        """An R-V5 figure of the households (H, A, M0), or None."""
        out = ctypes.c_double()
        rc = C.fupin_summary_mpi(self._ptr, _lookup(ENUM_MPI_FIGURE, name, "figure"),
                                 _byref(out))
        return None if rc == _capi.ENULL else out.value

    def mpi_dimension(self, dim):
        """(censored_headcount, contribution) of a dimension (food..water, income)."""
        return _mpi_dimension(C.fupin_summary_mpi_dimension, self._ptr, dim)

    @property
    def mpi_excluded(self):
        """Households left out of the R-V5 figures (a dimension or income unknown)."""
        return C.fupin_summary_mpi_excluded(self._ptr)

    @property
    def low_confidence(self):
        """The built-in values of low confidence behind this summary ("rural_cpi@2021"),
        in the order of data/national-defaults.csv; [] when none."""
        p = self._ptr
        return [_u(C.fupin_summary_low_confidence(p, i))
                for i in range(C.fupin_summary_low_confidence_count(p))]

    @property
    def visit_indices(self):
        """Indices (in the evaluated village) of the households to visit first: severe,
        then warning, each in village order (R-A10). Empty without a threshold."""
        p = self._ptr
        return [C.fupin_summary_visit(p, i) for i in range(C.fupin_summary_visit_count(p))]

    @property
    def visit_first(self):
        """The ids of the households to visit first, as the summary copied them."""
        p = self._ptr
        return [_u(C.fupin_summary_visit_id(p, i))
                for i in range(C.fupin_summary_visit_count(p))]

    def to_json(self):
        """The {"village":{...}} or {"group":{...}} record, without the newline."""
        return _text(C.fupin_summary_to_json, self._ptr)

    def to_dict(self):
        return json.loads(self.to_json())


# ------------------------------------------------------------------ households

_HOUSEHOLD_FIELDS = ("village_code", "registered_year", "exit_year", "monitor",
                     "monitor_since", "assistance", "housing", "food_secure",
                     "clothing_secure", "water_litres", "water_minutes", "water_supply_rate",
                     "water_quality_ok", "region", "water_scarce")


class Household(_Handle):
    """A household: the fields of one households.csv row, its members, incomes, events.

        Household("H1", village_code="520102001001", housing="B", region="west",
                  water_scarce=0,
                  members=[{"member_id": "m1", "birth": "1980-03-02", "labor": "full"}],
                  incomes={2024: {"wage": "12000", "business": 0, "property": 0,
                                  "transfer": 0}},
                  events=[{"year": 2024, "kind": "accident", "amount": "3000"}])

    Values are the CSV texts (numbers and booleans are converted); None means unknown.
    A household fetched from a village is borrowed and read-only.
    """

    _free_name = "fupin_household_free"
    __slots__ = ()

    def __init__(self, household_id, *, members=(), incomes=None, events=(), **fields):
        out = ctypes.POINTER(_capi.Household)()
        C.fupin_household_create(_byref(out), _name(household_id))
        self._init_owned(out)
        try:
            # Keywords are the columns of a CSV row: unknown columns are ignored like
            # the loader ignores them, misspelt known ones raise (_row_fields).
            for field, value in _row_fields("household", fields).items():
                self.set(field, value)
            for m in members:
                m = dict(m)
                if "member_id" not in m or "birth" not in m:
                    # the keys given, never the values (an id_number among them)
                    raise TypeError(_mask("a member needs member_id and birth (got the fields %s)"
                                          % ", ".join(sorted(str(k) for k in m))))
                member_id, birth = m.pop("member_id"), m.pop("birth")
                self.add_member(member_id, birth, **_row_fields("member", m))
            for year, comps in (incomes or {}).items():
                self.set_income(int(year), **_row_fields("income", comps))
            for e in events:
                self.add_event(e["year"], e["kind"], e.get("amount"))
        except BaseException:
            self.close()
            raise

    @classmethod
    def _borrow(cls, ptr, village):
        self = cls.__new__(cls)
        self._init_borrowed(ptr, village, village._generation)
        return self

    @property
    def _mut(self):
        if self._owner is not None:
            raise TypeError("a household borrowed from a village is read-only; use copy()")
        return self._ptr

    def copy(self):
        """An independent, owned deep copy (also of a borrowed household)."""
        out = ctypes.POINTER(_capi.Household)()
        C.fupin_household_copy(_byref(out), self._ptr)
        h = Household.__new__(Household)
        h._init_owned(out)
        return h

    __copy__ = copy

    @property
    def id(self):
        return _u(C.fupin_household_id(self._ptr))

    @property
    def member_count(self):
        return C.fupin_household_member_count(self._ptr)

    @property
    def incomplete(self):
        """True when a lenient load skipped one of its members (or it has none)."""
        return bool(C.fupin_household_incomplete(self._ptr))

    def set(self, field, value):
        """Set a households.csv field (or region / water_scarce) from its CSV text."""
        C.fupin_household_set(self._mut, _name(field), _b(value))

    def add_member(self, member_id, birth, **fields):
        """Add a member with its birth date, then set its other members.csv fields."""
        p = self._mut
        C.fupin_household_add_member(p, _name(member_id), _b(birth))
        for field, value in fields.items():
            C.fupin_household_set_member(p, _name(member_id), _name(field), _b(value))

    def set_member(self, member_id, field, value):
        C.fupin_household_set_member(self._mut, _name(member_id), _name(field), _b(value))

    def set_income(self, year, **fields):
        """Set income components of a year: set_income(2024, wage="12000", ...)."""
        p = self._mut
        for field, value in fields.items():
            C.fupin_household_set_income(p, year, _name(field), _b(value))

    def add_event(self, year, kind, amount=None):
        C.fupin_household_add_event(self._mut, year, _name(kind), _b(amount))

    def result(self, policy, year, into=None):
        """Evaluate into a Result object (accessors, to_json, to_csv)."""
        r = into if into is not None else Result()
        C.fupin_household_evaluate(policy._ptr, self._ptr, year, r._ptr)
        return r

    def evaluate(self, policy, year, since=None):
        """The result for a year as a dict with the JSON output's keys.
        `policy` may be a Policy or an Evaluator (then `year` must be its year)."""
        if isinstance(policy, Evaluator):
            return policy.household(self)
        if since is not None:
            with Evaluator(policy, year, since) as e:
                return e.household(self)
        with Result() as r:
            return self.result(policy, year, r).to_dict()

    def __repr__(self):
        return "<fupin.Household %r>" % (self.id if not self.closed else "closed")


# ------------------------------------------------------------------ villages


def _flatten(record, prefix=""):
    """A result dict as {dotted path: value}, lists kept whole (the CSV's columns)."""
    out = {}
    for key, value in record.items():
        path = prefix + key
        if isinstance(value, dict):
            out.update(_flatten(value, path + "."))
        else:
            out[path] = value
    return out


class Village(_Handle):
    """A village and the households it owns.

        v = Village("520102001001", "west", population=1200, water_scarce=0)
        v.add(household)          # stores a copy
        v.evaluate(policy, 2024)  # {"village": {...}}
    """

    _free_name = "fupin_village_free"
    __slots__ = ("_generation_box",)

    def __init__(self, code, region, **fields):
        out = ctypes.POINTER(_capi.Village)()
        C.fupin_village_create(_byref(out), _name(code), _name(region))
        self._init_owned(out)
        self._generation_box = [0]
        try:
            for field, value in fields.items():
                self.set(field, value)
        except BaseException:
            self.close()
            raise

    @classmethod
    def _borrow(cls, ptr, dataset):
        self = cls.__new__(cls)
        self._init_borrowed(ptr, dataset)
        self._generation_box = None  # a dataset's villages never change
        return self

    @property
    def _generation(self):
        return self._generation_box[0] if self._generation_box else 0

    @property
    def _mut(self):
        if self._owner is not None:
            raise TypeError("a village borrowed from a dataset is read-only")
        return self._ptr

    def _changed(self):
        # Its households' storage may have moved: borrowed Household objects go stale.
        self._generation_box[0] += 1

    @property
    def code(self):
        return _u(C.fupin_village_code(self._ptr))

    @property
    def name(self):
        return _u(C.fupin_village_name(self._ptr))

    def set(self, field, value):
        """Set a villages.csv field from its CSV text (None means unknown)."""
        C.fupin_village_set(self._mut, _name(field), _b(value))
        self._changed()

    def add(self, household):
        """Add a copy of a household (its village code and context follow the village)."""
        C.fupin_village_add_household(self._mut, household._ptr)
        self._changed()

    add_household = add

    def __len__(self):
        return C.fupin_village_household_count(self._ptr)

    @property
    def households(self):
        """The households, in the order added (borrowed, read-only)."""
        p = self._ptr
        return [Household._borrow(C.fupin_village_household(p, i), self)
                for i in range(C.fupin_village_household_count(p))]

    def __iter__(self):
        return iter(self.households)

    def find(self, household_id):
        """The household with an id (borrowed), or None."""
        ptr = C.fupin_village_find(self._ptr, _name(household_id))
        return Household._borrow(ptr, self) if ptr else None

    def evaluate(self, policy, year=None, since=None):
        """The village result {"village": {...}} for a year (R-V1..R-V3)."""
        if isinstance(policy, Evaluator):
            return policy.village(self)
        if year is None:
            raise TypeError("evaluate() needs a year (or an Evaluator)")
        if since is not None:
            with Evaluator(policy, year, since) as e:
                return e.village(self)
        with Summary() as r:
            C.fupin_village_evaluate(policy._ptr, self._ptr, year, r._ptr)
            return r.to_dict()

    def diff(self, base, policy, year):
        """The changes from policy `base` to `policy` over this village (a Diff)."""
        out = ctypes.POINTER(_capi.Diff)()
        C.fupin_diff_village(_byref(out), base._ptr, policy._ptr, self._ptr, year)
        return Diff(out)

    def __repr__(self):
        return "<fupin.Village %r>" % (self.code if not self.closed else "closed")


# ------------------------------------------------------------------ datasets


class Dataset(_Handle):
    """A dataset folder (villages.csv, households.csv, members.csv, incomes.csv,
    events.csv) loaded into villages. Immutable: share it between threads freely."""

    _free_name = "fupin_dataset_free"
    __slots__ = ()

    def __init__(self, _ptr):
        if not isinstance(_ptr, ctypes.POINTER(_capi.Dataset)):
            raise TypeError("use Dataset.load()")
        self._init_owned(_ptr)

    @classmethod
    def load(cls, path, lenient=False, encoding=None, progress=None):
        """Load a folder; strict by default (the first bad value raises ParseError).
        encoding: None or "utf-8" (the default), "gb18030" or "gbk" (read through
        iconv). progress: None or progress(bytes_done, bytes_total), called at most
        about every 4 MB and once at the end."""
        out = ctypes.POINTER(_capi.Dataset)()
        if encoding is None and progress is None:
            C.fupin_dataset_load(_byref(out), _b(str(path)),
                                 LOAD_LENIENT if lenient else LOAD_STRICT)
            return cls(out)
        opts = ctypes.POINTER(_capi.LoadOptions)()
        C.fupin_load_options_create(_byref(opts))
        try:
            C.fupin_load_options_set_flags(opts, LOAD_LENIENT if lenient else LOAD_STRICT)
            if encoding is not None:
                enc = ctypes.c_int()
                C.fupin_encoding_from_name(_b(str(encoding)), _byref(enc))
                C.fupin_load_options_set_encoding(opts, enc.value)
            errors = []

            def hook(_ctx, done, total):
                try:
                    progress(done, total)
                except BaseException as e:  # never unwind through C
                    errors.append(e)

            cb = _capi.PROGRESS_FN(hook) if progress is not None else _capi.PROGRESS_FN()
            C.fupin_load_options_set_progress(opts, cb, None)
            C.fupin_dataset_load_with_options(_byref(out), _b(str(path)), opts)
        finally:
            C.fupin_load_options_free(opts)
        ds = cls(out)
        if errors:
            ds.close()
            raise errors[0]
        return ds

    @property
    def notices(self):
        """Facts about the folder that change what follows (an optional file absent, a
        .csv file not read, a village without households), one line each."""
        p = self._ptr
        return [_u(C.fupin_dataset_notice(p, i))
                for i in range(C.fupin_dataset_notice_count(p))]

    @property
    def household_count(self):
        """The number of households loaded."""
        return C.fupin_dataset_household_count(self._ptr)

    def income_household_count(self, year):
        """The households with a loaded income record for `year`."""
        out = ctypes.c_size_t()
        C.fupin_dataset_income_household_count(self._ptr, year, _byref(out))
        return out.value

    def default_year_source(self, policy):
        """Where default_year() takes its year from: "incomes" or "policy"."""
        out = ctypes.c_int()
        C.fupin_dataset_default_year_source(self._ptr, policy._ptr, _byref(out))
        return {1: "incomes", 2: "policy"}[out.value]

    @property
    def villages(self):
        """The villages in villages.csv order (borrowed; they keep the dataset alive)."""
        p = self._ptr
        return [Village._borrow(C.fupin_dataset_village(p, i), self)
                for i in range(C.fupin_dataset_village_count(p))]

    @property
    def problems(self):
        """What a lenient load skipped, as `FILE:LINE: column COLUMN: ...`."""
        p = self._ptr
        return [_u(C.fupin_dataset_problem(p, i))
                for i in range(C.fupin_dataset_problem_count(p))]

    @property
    def counts(self):
        """{file name: FileCounts(read, loaded, skipped)} for the five files
        ("villages.csv", ...)."""
        p = self._ptr
        res = {}
        for i in range(C.fupin_enum_count(ENUM_DATASET_FILE)):
            f = C.fupin_enum_value(ENUM_DATASET_FILE, i)
            r, l, s = ctypes.c_uint64(), ctypes.c_uint64(), ctypes.c_uint64()
            C.fupin_dataset_file_counts(p, f, _byref(r), _byref(l), _byref(s))
            res[_u(C.fupin_enum_name(ENUM_DATASET_FILE, f))] = FileCounts(r.value, l.value,
                                                                           s.value)
        return res

    @property
    def latest_year(self):
        """The latest year in incomes.csv, or None when there are no incomes."""
        out = ctypes.c_int32()
        rc = C.fupin_dataset_latest_year(self._ptr, _byref(out))
        return None if rc == _capi.ENOTFOUND else out.value

    def default_year(self, policy):
        """The CLI's default year: the latest income year, else the policy's latest."""
        out = _capi.i32()
        C.fupin_dataset_default_year(self._ptr, policy._ptr, _byref(out))
        return out.value

    def report_lines(self, policy, year=None, since=None):
        """The lines of `fupin report` (without newlines): each village's households,
        then its village line, villages and households in file order."""
        if year is None:
            year = self.default_year(policy)
        with Evaluator(policy, year, since) as ev, Result() as r, Summary() as vr:
            for v in self.villages:
                vp = v._ptr
                for i in range(C.fupin_village_household_count(vp)):
                    C.fupin_evaluator_evaluate_household(
                        ev._ptr, C.fupin_village_household(vp, i), r._ptr)
                    yield r.to_json()
                ev.village_result(v, vr)
                yield vr.to_json()

    def report(self, policy, year=None, since=None):
        """The results of `fupin report` as dicts, in its order."""
        for line in self.report_lines(policy, year, since):
            yield json.loads(line)

    def report_frame(self, policy, year=None, since=None, villages=False):
        """The household results of `fupin report` as a pandas DataFrame, one row per
        household with the dotted columns of the CSV output ("guarantee.status",
        "alert.level", ...; lists stay Python lists, null is None/NaN); with
        villages=True, the village summaries instead, one row per village.
        Needs pandas (Debian: python3-pandas); `import fupin` itself does not."""
        try:
            import pandas
        except ImportError as e:
            raise ImportError("fupin: report_frame() needs pandas (Debian: apt-get install "
                              "python3-pandas; elsewhere: pip install pandas)") from e
        rows = []
        for record in self.report(policy, year, since):
            is_village = "village" in record and isinstance(record["village"], dict)
            if is_village == bool(villages):
                rows.append(_flatten(record["village"] if is_village else record))
        return pandas.DataFrame(rows)

    def group(self, policy, prefix, year=None, since=None):
        """The summary {"group": {...}} of the villages under a division-code prefix."""
        if year is None:
            year = self.default_year(policy)
        with Evaluator(policy, year, since) as e:
            return e.group(self, prefix)

    def diff(self, base, policy, year=None):
        """The changes from policy `base` to `policy` (a Diff, as `fupin diff`)."""
        if year is None:
            year = self.default_year(policy)
        out = ctypes.POINTER(_capi.Diff)()
        C.fupin_diff_dataset(_byref(out), base._ptr, policy._ptr, self._ptr, year)
        return Diff(out)

    def check(self, policy, expect_path, year=None):
        """Check the results against an expectations file (a Check, as `fupin check`).
        `year` fills the rows whose year is blank (default: the latest income year)."""
        out = ctypes.POINTER(_capi.Check)()
        C.fupin_check_dataset(_byref(out), policy._ptr, self._ptr, _b(str(expect_path)),
                              year or 0)
        return Check(out)

    def __repr__(self):
        return "<fupin.Dataset %s>" % ("closed" if self.closed else
                                       "%d villages" % C.fupin_dataset_village_count(self._ptr))


# ------------------------------------------------------------------ diff and check


class Diff(_Handle):
    """The differences between two policies' results (`fupin diff`). Immutable."""

    _free_name = "fupin_diff_free"
    __slots__ = ()

    def __init__(self, _ptr):
        if not isinstance(_ptr, ctypes.POINTER(_capi.Diff)):
            raise TypeError("use Dataset.diff() or Village.diff()")
        self._init_owned(_ptr)

    @property
    def households_changed(self):
        return C.fupin_diff_households_changed(self._ptr)

    @property
    def villages_changed(self):
        return C.fupin_diff_villages_changed(self._ptr)

    def lines(self):
        """The change lines as `fupin diff` prints them (JSON texts), in report order."""
        p = self._ptr
        return [_u(C.fupin_diff_line(p, i)) for i in range(C.fupin_diff_line_count(p))]

    def changes(self):
        """The change lines as dicts: {"household": ..., "changes": {field: [old, new]}}."""
        return [json.loads(line) for line in self.lines()]

    def transitions(self):
        """[Transition(field, before, after, count)], in `fupin diff` summary order;
        values as in the printed text (strings bare, lists as [A B], null as null), and
        ``t.text`` the printed form "alert.level none->warning"."""
        p = self._ptr
        out = []
        for i in range(C.fupin_diff_transition_count(p)):
            f, b, a, n = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_char_p(), \
                ctypes.c_uint64()
            C.fupin_diff_transition_parts(p, i, _byref(f), _byref(b), _byref(a), _byref(n))
            out.append(Transition(_u(f.value), _u(b.value), _u(a.value), n.value))
        return out

    def cells(self):
        """[Change(record, id, field, before, after)], one per changed field, in the
        order of the change lines; values as spreadsheet cells (null empty, lists
        space-separated)."""
        p = self._ptr
        out = []
        for i in range(C.fupin_diff_change_count(p)):
            parts = [ctypes.c_char_p() for _ in range(5)]
            C.fupin_diff_change(p, i, *[_byref(x) for x in parts])
            out.append(Change(*[_u(x.value) for x in parts]))
        return out


class Check(_Handle):
    """Results checked against an expectations file (`fupin check`). Immutable."""

    _free_name = "fupin_check_free"
    __slots__ = ()

    def __init__(self, _ptr):
        if not isinstance(_ptr, ctypes.POINTER(_capi.Check)):
            raise TypeError("use Dataset.check()")
        self._init_owned(_ptr)

    @property
    def passed(self):
        return C.fupin_check_passed(self._ptr)

    @property
    def failed(self):
        return C.fupin_check_failed(self._ptr)

    @property
    def mismatches(self):
        """`H0001 2023 guarantee.status: expected unmet, got met`, one per failure."""
        p = self._ptr
        return [_u(C.fupin_check_mismatch(p, i)) for i in range(C.fupin_check_failed(p))]

    def __bool__(self):
        return self.failed == 0
