#!/usr/bin/env python3
"""Mutation run over lib/ (issue 16): apply each mutation of mutants.txt in turn,
rebuild a release build, run the test suite (stopping at the first failure), revert,
and print the score and the survivors.

Each mutation names a file and an exact snippet of it, so it survives line moves. A
snippet that is missing from its file or found more than once, and a mutant that does
not build, are reported as errors (the run then exits 2): the list needs fixing, and
nothing is skipped silently. A mutation marked `equivalent:` changes no behaviour
(the note says why); it is still run, and reported if a test kills it after all.

Usage: tests/mutation/run.sh [--build DIR] [--list] [ID...]
Exit status: 0 when at most --max-survivors percent (default 3) survive and there was
no error; 1 when more survive; 2 on an error.
"""
import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The suites that judge behaviour; the header and install checks cannot see a mutant
# of lib/ (same declarations, same exported symbols) and only cost time.
SKIP_SUITES = ["headers", "install"]


def parse(path):
    """The mutations of the list: blocks of `key: value` lines, blank-line separated."""
    mutants, block, errors = [], {}, []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for no, line in enumerate(lines + [""], 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            if block:
                missing = [k for k in ("id", "file", "from", "to") if k not in block]
                if missing:
                    errors.append("%s:%d: block lacks %s" % (path, no, ", ".join(missing)))
                else:
                    mutants.append(block)
                block = {}
            continue
        m = re.match(r"^(from|to)\+ ?(.*)$", line)
        if m:  # a further line of a multi-line snippet or replacement
            if m.group(1) not in block:
                errors.append("%s:%d: %s+ before %s:" % (path, no, m.group(1), m.group(1)))
            else:
                block[m.group(1)] += "\n" + m.group(2)
            continue
        m = re.match(r"^(id|file|from|to|equivalent): ?(.*)$", line)
        if not m:
            errors.append("%s:%d: not a `key: value` line: %s" % (path, no, line))
            continue
        if m.group(1) in block:
            errors.append("%s:%d: %s given twice" % (path, no, m.group(1)))
        if m.group(1) == "from" and not m.group(2):
            errors.append("%s:%d: empty snippet" % (path, no))
        block[m.group(1)] = m.group(2)
    ids = [m["id"] for m in mutants]
    for i in sorted(set(x for x in ids if ids.count(x) > 1)):
        errors.append("duplicate id %s" % i)
    return mutants, errors


def run(cmd, log):
    with open(log, "w") as out:
        return subprocess.call(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def first_failure(log):
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"^\s*\d+/\d+\s+\S+\s*/\s*(\S+)\s+(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)", line)
                if m:
                    return m.group(1) + ("" if m.group(2) == "FAIL" else " " + m.group(2))
    except OSError:
        pass
    return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build-mutation", help="build folder (release)")
    ap.add_argument("--list", default=os.path.join(ROOT, "tests", "mutation", "mutants.txt"))
    ap.add_argument("--max-survivors", type=float, default=3.0, help="percent")
    ap.add_argument("--check", action="store_true", help="only check that every snippet is found once")
    ap.add_argument("ids", nargs="*", help="run only these mutations")
    a = ap.parse_args()

    mutants, errors = parse(a.list)
    if a.ids:
        unknown = set(a.ids) - set(m["id"] for m in mutants)
        errors += ["no mutation %s" % i for i in sorted(unknown)]
        mutants = [m for m in mutants if m["id"] in a.ids]
    texts = {}
    for m in mutants:
        p = os.path.join(ROOT, m["file"])
        if p not in texts:
            try:
                with open(p, encoding="utf-8") as f:
                    texts[p] = f.read()
            except OSError as e:
                texts[p] = None
                errors.append("%s: %s: cannot read (%s)" % (m["id"], m["file"], e.strerror))
        if texts[p] is not None:
            n = texts[p].count(m["from"])
            if n != 1:
                errors.append("%s: %s: snippet %s (%r)" % (m["id"], m["file"],
                              "not found" if n == 0 else "found %d times" % n, m["from"]))
            elif m["from"] == m["to"]:
                errors.append("%s: replacement equals the snippet" % m["id"])
    for e in errors:
        print("error: " + e)
    if a.check:
        print("%d mutations, %d errors" % (len(mutants), len(errors)))
        return 2 if errors else 0

    build = os.path.join(ROOT, a.build)
    logdir = os.path.join(build, "mutation-logs")
    if not os.path.exists(os.path.join(build, "build.ninja")):
        subprocess.check_call(["meson", "setup", build, "-Dbuildtype=release", "-Dbench=false",
                               "-Dwerror=false"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.makedirs(logdir, exist_ok=True)
    test_cmd = ["meson", "test", "-C", build, "--no-rebuild", "--maxfail", "1",
                "--num-processes", "2", "-t", "0.25"]
    for s in SKIP_SUITES:
        test_cmd += ["--no-suite", s]

    t0 = time.time()
    if run(["ninja", "-C", build], os.path.join(logdir, "baseline-build.log")) or \
            run(test_cmd, os.path.join(logdir, "baseline-test.log")):
        print("error: the unmutated tree does not build or pass its tests: see %s" % logdir)
        return 2
    print("baseline passes (%.0f s); %d mutations" % (time.time() - t0, len(mutants)), flush=True)

    bad = {e.split(":")[0] for e in errors}
    killed, survived, equivalent, broken = [], [], [], []
    for i, m in enumerate(mutants, 1):
        if m["id"] in bad:
            continue
        path = os.path.join(ROOT, m["file"])
        orig = texts[path]
        t1 = time.time()
        log = os.path.join(logdir, m["id"] + ".log")
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(orig.replace(m["from"], m["to"], 1))
            if run(["ninja", "-C", build], log):
                verdict = "NOBUILD"
            elif run(test_cmd, log):
                verdict = "killed"
            else:
                verdict = "SURVIVED"
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(orig)
        eq = m.get("equivalent")
        if verdict == "NOBUILD":
            broken.append(m)
            errors.append("%s: does not build (see %s)" % (m["id"], log))
        elif verdict == "killed":
            killed.append(m)
            if eq:
                errors.append("%s: marked equivalent but killed by %s" % (m["id"], first_failure(log)))
        elif eq:
            equivalent.append(m)
            verdict = "equivalent"
        else:
            survived.append(m)
        by = " by " + first_failure(log) if verdict == "killed" else ""
        print("[%3d/%d] %-10s %s (%s)%s  %.0f s" % (i, len(mutants), verdict, m["id"], m["file"], by,
                                                    time.time() - t1), flush=True)
    # leave the build as the tree is
    run(["ninja", "-C", build], os.path.join(logdir, "final-build.log"))

    judged = len(killed) + len(survived) + len(equivalent)
    pct = 100.0 * len(survived) / judged if judged else 0.0
    print()
    print("mutations: %d  killed: %d  survived: %d  equivalent: %d  errors: %d" %
          (len(mutants), len(killed), len(survived), len(equivalent), len(errors)))
    print("survivors: %.1f %% (target at most %.1f %%), %.0f s" % (pct, a.max_survivors, time.time() - t0))
    for m in survived:
        print("SURVIVED %s  %s: %r -> %r" % (m["id"], m["file"], m["from"], m["to"]))
    for m in equivalent:
        print("equivalent %s: %s" % (m["id"], m["equivalent"]))
    for e in errors:
        print("error: " + e)
    if errors:
        return 2
    return 1 if pct > a.max_survivors else 0


if __name__ == "__main__":
    sys.exit(main())
