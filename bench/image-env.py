#!/usr/bin/env python3
"""Prints the environment the image's final stage sets (its ENV lines, KEY=VALUE one a line), for the
bench scripts that start the service as the image does; the Dockerfile stays their one source."""
import re
import shlex
import sys

text = open(sys.argv[1] if len(sys.argv) > 1 else "Dockerfile").read()
text = re.sub(r"\\\n", " ", text)
final = re.split(r"(?im)^FROM\s", text)[-1]
for line in final.splitlines():
    match = re.match(r"(?i)^ENV\s+(.*)$", line.strip())
    if match:
        for assignment in shlex.split(match.group(1)):
            print(assignment)
