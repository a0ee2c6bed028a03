#!/usr/bin/env python3
"""Every link between the pages of docs/ (and from README.md) points at a file that
exists and, for PAGE#ANCHOR, at an anchor that page defines (<a id="ANCHOR">), so
that a reader goes from a reason code to its rule and source without a dead end; and
every parameter a rule names in rules.md links to its values and sources.
Usage: check_links.py SOURCE_ROOT"""
import os
import re
import sys

root = sys.argv[1]
pages = [os.path.join(root, 'README.md')]
for d, _, files in os.walk(os.path.join(root, 'docs')):
    pages += [os.path.join(d, f) for f in files if f.endswith('.md')]
anchors = {}


def anchors_of(path):
    if path not in anchors:
        with open(path, encoding='utf-8') as f:
            anchors[path] = set(re.findall(r'<a id="([^"]+)"></a>', f.read()))
    return anchors[path]


bad = []
for page in pages:
    with open(page, encoding='utf-8') as f:
        text = f.read()
    for target in re.findall(r'\]\(([^)\s]+)\)', text):
        if re.match(r'[a-z]+:', target):
            continue  # http:, mailto:
        path, _, anchor = target.partition('#')
        dest = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
        if not os.path.exists(dest):
            bad.append('%s: %s: no such file' % (os.path.relpath(page, root), target))
        elif anchor and dest.endswith('.md') and anchor not in anchors_of(dest):
            bad.append('%s: %s: no anchor "%s"' % (os.path.relpath(page, root), target, anchor))
# From a rule to its parameters in one step: every parameter that rules.md names in
# backquotes outside code blocks links to its entry in parameters.md.
ref = os.path.join(root, 'docs', 'reference')
params = anchors_of(os.path.join(ref, 'parameters.md'))
fence = False
with open(os.path.join(ref, 'rules.md'), encoding='utf-8') as f:
    for number, line in enumerate(f, 1):
        if line.startswith('```'):
            fence = not fence
        if fence or line.startswith('#'):
            continue
        for m in re.finditer(r'(\[?)`([a-z_]+)(?::[a-z_]+)?`(\]\(parameters\.md#\2\))?', line):
            if m.group(2) in params and not (m.group(1) and m.group(3)):
                bad.append('docs/reference/rules.md:%d: parameter `%s` is not a link to '
                           'parameters.md#%s' % (number, m.group(2), m.group(2)))
for b in bad:
    print('FAIL', b)
sys.exit(1 if bad else 0)
