#!/usr/bin/python3
"""Validates hybridlint reports for tests/report_schema_test.cc.

usage: report_schema_check.py OUTPUT_SCHEMA SARIF_SCHEMA FILE...

A FILE ending in .sarif is checked against the SARIF 2.1.0 schema and
GitHub code scanning's upload rules; a combined report of `lint --each`
(a JSON object with "organizations") against batch.schema.json (beside
OUTPUT_SCHEMA) and each organization's report in it against the JSON
report's schema; any other FILE against the JSON report's schema. Formats are checked where Debian ships a checker
(python3-rfc3987 for uri and uri-reference). Prints one line per problem
and exits 1 when there is any, 2 when the check itself cannot run, 0 when
every file is valid.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed (scripts/install-deps.sh installs it)")
    sys.exit(2)


def load_validator(path):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def region_problems(where, location):
    """GitHub rejects results whose location has no start line >= 1."""
    problems = []
    physical = location.get("physicalLocation")
    if not physical:
        return [where + ": no physicalLocation"]
    uri = physical.get("artifactLocation", {}).get("uri", "")
    if not uri:
        problems.append(where + ": no artifactLocation.uri")
    if "\\" in uri:
        problems.append(where + ": backslash in uri " + uri)
    if "://" in uri and not uri.startswith("file://"):
        problems.append(where + ": uri is not relative " + uri)
    region = physical.get("region")
    if region is None:
        return problems + [where + ": no region"]
    start_line = region.get("startLine", 0)
    if not isinstance(start_line, int) or start_line < 1:
        problems.append(where + ": startLine %r < 1" % (start_line,))
    if region.get("startColumn", 1) < 1:
        problems.append(where + ": startColumn < 1")
    end_line = region.get("endLine", start_line)
    if end_line < start_line:
        problems.append(where + ": endLine before startLine")
    if end_line == start_line and region.get("endColumn", region.get("startColumn", 1)) < region.get("startColumn", 1):
        problems.append(where + ": endColumn before startColumn")
    return problems


def github_problems(name, log):
    runs = log.get("runs", [])
    if len(runs) == 1:
        return run_problems(name, runs[0])
    # Several runs (lint --each): GitHub takes one run per tool and
    # category, so each needs its own automationDetails.id.
    ids = [run.get("automationDetails", {}).get("id") for run in runs]
    if not runs or None in ids or len(set(ids)) != len(ids):
        return ["%s: %d runs; GitHub takes one run per tool and category (distinct automationDetails.id)" % (name, len(runs))]
    problems = []
    for k, run in enumerate(runs):
        problems += run_problems("%s: runs[%d]" % (name, k), run)
    return problems


def run_problems(name, run):
    problems = []
    if run.get("columnKind") != "unicodeCodePoints":
        problems.append(name + ": columnKind is not stated as unicodeCodePoints")
    rules = run["tool"]["driver"].get("rules", [])
    ids = [r["id"] for r in rules]
    if len(ids) != len(set(ids)):
        problems.append(name + ": duplicate rule ids in tool.driver.rules")
    for i, result in enumerate(run.get("results", [])):
        where = "%s: results[%d] (%s)" % (name, i, result.get("ruleId"))
        if result.get("ruleId") not in ids:
            problems.append(where + ": ruleId not in tool.driver.rules")
        elif "ruleIndex" in result and ids[result["ruleIndex"]] != result["ruleId"]:
            problems.append(where + ": ruleIndex points at another rule")
        locations = result.get("locations", [])
        if not locations:
            problems.append(where + ": no location")
        for k, loc in enumerate(locations):
            problems += region_problems("%s.locations[%d]" % (where, k), loc)
        for k, loc in enumerate(result.get("relatedLocations", [])):
            problems += region_problems("%s.relatedLocations[%d]" % (where, k), loc)
        if not result.get("partialFingerprints", {}).get("hybridlint/v1"):
            problems.append(where + ": no partialFingerprints hybridlint/v1")
        for s in result.get("suppressions", []):
            if not s.get("justification"):
                problems.append(where + ": suppression without justification")
    return problems


def main(argv):
    if len(argv) < 4:
        print(__doc__.strip().splitlines()[2])
        return 2
    output = load_validator(argv[1])
    sarif = load_validator(argv[2])
    batch = load_validator(os.path.join(os.path.dirname(argv[1]), "batch.schema.json"))
    problems = []
    for name in argv[3:]:
        with open(name, encoding="utf-8") as f:
            try:
                document = json.load(f)
            except ValueError as e:
                problems.append("%s: not JSON: %s" % (name, e))
                continue
        combined = not name.endswith(".sarif") and isinstance(document, dict) and "organizations" in document
        validator = sarif if name.endswith(".sarif") else batch if combined else output
        checks = [(validator, document, "")]
        if combined:
            for k, org in enumerate(document.get("organizations", [])):
                if isinstance(org, dict) and "report" in org:
                    checks.append((output, org["report"], "organizations/%d/report/" % k))
        for v, instance, prefix in checks:
            for error in sorted(v.iter_errors(instance), key=lambda e: list(e.absolute_path)):
                path = "/".join(str(p) for p in error.absolute_path)
                problems.append("%s: /%s%s: %s" % (name, prefix, path, error.message[:300]))
        if name.endswith(".sarif"):
            problems += github_problems(name, document)
    for p in problems:
        print(p)
    print("%d file(s) checked, %d problem(s)" % (len(argv) - 3, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
