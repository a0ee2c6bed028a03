#!/usr/bin/env python3
"""County, province and national figures over a partitioned root, on Dask distributed.

    python3 examples/dask/rollup.py ROOT --prefix P [--prefix P ...] [--workers N]
        [--scheduler ADDRESS] [--policy P] [--year Y] [--since Y0] [--lenient]

ROOT is a folder of dataset folders (partitions, docs/scale.md). Each partition is
one task: a worker loads it through the Python binding, groups it by every prefix and
returns the serialised group results (text, a few kilobytes, nothing personal). The
client merges them exactly and prints one {"group":{...}} line per prefix, in the
order given: what `fupin group --prefix P ROOT` prints.

Without --scheduler a LocalCluster of N worker processes (default: the number of
cores) runs on this machine; with --scheduler tcp://HOST:8786 the tasks go to a
running cluster, whose workers must see ROOT (and a policy file) at the same path and
import fupin (docs/scale.md). Needs Debian's python3-distributed.
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))

try:
    import fupin
except ImportError:
    # Run from the source tree: the workers need the same path (see main()).
    sys.path.insert(0, os.path.join(SOURCE, "bindings", "python"))
    import fupin
from fupin import rollup


def group_partition(path, policy, prefixes, year, since, lenient):
    """One task: the serialised group result of one partition for every prefix."""
    from fupin import rollup as r  # imported on the worker

    pol = r._policy(policy)
    with r.Dataset.load(path, lenient=lenient) as ds, r.Evaluator(pol, year, since) as ev:
        out = []
        for prefix in prefixes:
            with ev.group_result(ds, prefix) as g:
                out.append(r.serialize(g))
        return out


def default_year(root, policy, year):
    if year:
        return year
    with rollup.Root(root) as r:
        latest = r.latest_year
    if latest:
        return latest
    with rollup._policy(policy) as p:
        return p.latest_year


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root")
    ap.add_argument("--prefix", action="append", required=True,
                    help="2, 4, 6 or 9 digits; repeat for several groups")
    ap.add_argument("--workers", type=int, default=0,
                    help="LocalCluster worker processes (default: the number of cores)")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--policy", default="national")
    ap.add_argument("--year", type=int)
    ap.add_argument("--since", type=int)
    ap.add_argument("--lenient", action="store_true")
    return ap.parse_args(argv)


def main(argv=None):
    a = parse_args(argv)
    from dask.distributed import Client, LocalCluster

    policy = os.path.abspath(a.policy) if a.policy != "national" else a.policy
    with rollup.Root(a.root) as root:
        partitions = root.partitions
    year = default_year(a.root, policy, a.year)
    # Fail on a bad prefix before starting anything (the library checks it).
    with fupin.Policy.builtin() as p, fupin.Evaluator(p, year) as ev:
        for prefix in a.prefix:
            ev.group_result([], prefix).close()

    if a.scheduler:
        cluster = None
        client = Client(a.scheduler)
    else:
        # Worker processes inherit the environment: let them import fupin from here.
        path = os.path.dirname(os.path.dirname(os.path.abspath(fupin.__file__)))
        os.environ["PYTHONPATH"] = os.pathsep.join(
            [path] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
        cluster = LocalCluster(n_workers=a.workers or os.cpu_count() or 1,
                               threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = [client.submit(group_partition, d, policy, a.prefix, year, a.since,
                                 a.lenient, key="fupin-partition-%d" % i, pure=False)
                   for i, d in enumerate(partitions)]
        parts = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    # The merge is exact and order-free; the parts are merged in partition order anyway.
    for k, _prefix in enumerate(a.prefix):
        with rollup.merge_texts(part[k] for part in parts) as total:
            print(total.to_json())
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except fupin.FupinError as e:
        print("rollup.py: %s" % e, file=sys.stderr)
        sys.exit(2)
