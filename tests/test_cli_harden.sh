#!/bin/sh
# The command line against hostile input (issue 11): CSV cells that a spreadsheet would
# run, files that are not policies, identity numbers in arguments and expectations,
# `--` before a path, and extreme policies whose every output line must be valid JSON
# without inf or nan.
# Usage: test_cli_harden.sh FUPIN_EXE SOURCE_ROOT
set -u
exe=$1
src=$2
data=$src/examples/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
n=0
ID=520402196809268794

. "$src/tests/cli_lib.sh"
lacks() { grep -qF -- "$2" "$tmp/$1" && fail "$1 holds: $2"; return 0; }

# --- CSV injection: household ids that a spreadsheet would run as formulas
evil=$tmp/evil
mkdir "$evil"
for f in villages households members incomes events; do
    sed -e 's/^GZ01,/"=HYPERLINK(""http:\/\/x"",""y"")",/' -e 's/^GZ02,/@SUM(A1),/' \
        -e 's/^GZ06,/+GZ06,/' -e 's/^GZ07,/-7,/' "$data/$f.csv" > "$evil/$f.csv"
done
run csv_injection 0 report --format csv "$evil"
hasf csv_injection.out "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",522327101203,2024,"
hasf csv_injection.out "\"'@SUM(A1)\",522327101203,"
hasf csv_injection.out "\"'+GZ06\","
hasf csv_injection.out "\"'-7\","
# numbers the program writes stay numbers (GZ01's per-capita income, the line)
grep -F "HYPERLINK" "$tmp/csv_injection.out" | grep -q ',16000,4000,above,' ||
    fail "csv_injection: numbers of the HYPERLINK row are not plain numbers"
# JSON is not a spreadsheet: the id stays as it is there
run json_injection 0 report "$evil"
hasf json_injection.out '{"household":"=HYPERLINK(\"http://x\",\"y\")"'
run diff_injection 0 diff --format csv --base national --policy "$src/examples/policies/province-2024.pol" "$evil"
hasf diff_injection.out "household,\"'+GZ06\",alert.level,none,watch,"
hasf diff_injection.out "transition,,alert.level,none,watch,2"

# --- a file that is not a policy is refused without showing what it holds
printf '%s,张三\n%s,李四\n' "$ID" "$ID" > "$tmp/idlist.txt"
run idlist 2 report --policy "$tmp/idlist.txt" "$data"
hasf idlist.err "idlist.txt:1: not a policy line"
lacks idlist.err "520402"
lacks idlist.err "张三"
empty idlist.out
printf 'root:$6$saltsalt$hashhash:19000:0:99999:7:::\n' > "$tmp/shadow"
printf 'name = x\nextends = shadow\n' > "$tmp/extends.pol"
run extends_secret 2 policy show --policy "$tmp/extends.pol"
hasf extends_secret.err "not a policy line"
lacks extends_secret.err "hashhash"
lacks extends_secret.err "root"

# --- identity numbers in arguments, paths and expectations come out masked
run arg_id 2 report --year "$ID" "$data"
hasf arg_id.err "520402********8794"
run path_id 2 report "$tmp/$ID"
hasf path_id.err "520402********8794"
printf 'household_id,year,field,expected\nGZ01,2024,income.status,%s\n%s,2024,income.status,above\n' "$ID" "$ID" > "$tmp/expect.csv"
run check_id 1 check --expect "$tmp/expect.csv" "$data"
hasf check_id.out "GZ01 2024 income.status: expected 520402********8794, got above"
hasf check_id.out "520402********8794 2024 income.status: expected above, got no such household"
if cat "$tmp"/*.out "$tmp"/*.err | grep -F -e "$ID" -e "520402 19680926 8794" > "$tmp/leaks"; then
    fail "a full identity number was printed:"; cat "$tmp/leaks"
fi

# --- `--` ends the options: --help after it is a path (docs/cli.md)
run dashdash_help 2 report -- --help
empty dashdash_help.out
hasf dashdash_help.err "--help"
run dashdash_help_validate 2 validate -- --help
empty dashdash_help_validate.out

# --- out-of-bounds policy values: refused with FILE:LINE
printf 'name = wrap\npoverty_line = 1e17\n' > "$tmp/wrap.pol"
run wrap 2 report --policy "$tmp/wrap.pol" "$data"
hasf wrap.err "wrap.pol:2: poverty_line: must be at most 100000000000 yuan"
empty wrap.out
printf 'national_rural_income@2023 = 1e-300\n' > "$tmp/tiny.pol"
run tiny 2 report --policy "$tmp/tiny.pol" "$data"
hasf tiny.err "tiny.pol:1: national_rural_income: must be a whole number of fen"

# --- extreme policies at the bounds: every line is strict JSON, no inf or nan
i=0
for text in \
    'national_rural_income@2023 = 0.01\nnational_rural_income@2024 = 100000000000\nrural_cpi@2024 = -50\n' \
    'national_rural_income@2023 = 100000000000\nnational_rural_income@2024 = 0.01\nrural_cpi@2024 = 1000\n' \
    'national_rural_income = 0\nrural_cpi = -50\npoverty_line = 100000000000\nmonitoring_threshold = 100000000000\n' \
    'poverty_line = 0\nmonitoring_threshold = 0\nincome_drop_ratio = 0\nrigid_expense_ratio = 0\n' \
    'mpi_k = 0\nmpi_weight_food = 1000000\nmpi_weight_income = 0.000001\nvillage_exit_incidence_max = 1\n' \
    'mpi_weight_food = 0\nmpi_weight_clothing = 0\nmpi_weight_education = 0\nmpi_weight_medical = 0\nmpi_weight_housing = 0\nmpi_weight_water = 0\nmpi_weight_income = 0\n' \
    'income_drop_ratio = 1\nrigid_expense_ratio = 1000\nvillage_exit_incidence_max = 0.000000000000000001\nmpi_k = 1\n'; do
    i=$((i + 1))
    printf "$text" > "$tmp/extreme$i.pol"
    for since in "" "--since 2022"; do
        tag=extreme$i${since:+_since}
        run "$tag" 0 report --policy "$tmp/extreme$i.pol" $since "$data"
        run "${tag}_csv" 0 report --format csv --policy "$tmp/extreme$i.pol" $since "$data"
        grep -qiE 'inf|nan' "$tmp/$tag.out" "$tmp/${tag}_csv.out" && fail "$tag: inf or nan in the output"
        [ "$(wc -l < "$tmp/$tag.out")" -eq 21 ] || fail "$tag: want 21 lines"
    done
done
if command -v python3 > /dev/null 2>&1; then
    python3 - "$tmp" <<'PY' || fail "extreme policies: a line that is not strict JSON"
import glob, json, sys
def no_constant(name):
    raise ValueError("non-finite number " + name)
bad = 0
for path in sorted(glob.glob(sys.argv[1] + "/extreme*.out")):
    if path.endswith("_csv.out"):
        continue
    for k, line in enumerate(open(path, encoding="utf-8"), 1):
        try:
            json.loads(line, parse_constant=no_constant)
        except ValueError as e:
            print("%s:%d: %s" % (path, k, e)); bad += 1
sys.exit(1 if bad else 0)
PY
fi

if [ $failures -ne 0 ]; then
    echo "$failures of $n runs failed"; exit 1
fi
echo "ok: $n runs"
