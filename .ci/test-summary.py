#!/usr/bin/env python3
"""Counts the tests of the last build from the surefire and failsafe reports, lists every skip with
its reason, and ends with one line: 'tests: N passed, N failed, N skipped'."""
import glob
import xml.etree.ElementTree as ET

passed = failed = 0
skips = []
for report in sorted(glob.glob("*/target/surefire-reports/TEST-*.xml") + glob.glob("*/target/failsafe-reports/TEST-*.xml")):
    for case in ET.parse(report).getroot().iter("testcase"):
        name = case.get("classname", "") + "." + case.get("name", "")
        if case.find("skipped") is not None:
            reason = case.find("skipped").get("message") or (case.find("skipped").text or "").strip() or "no reason given"
            reason = reason.strip().splitlines()[0]  # the reason, not the stack trace under it
            skips.append((name, reason))
        elif case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        else:
            passed += 1

print()
print(f"skipped tests: {len(skips)}")
for name, reason in skips:
    print(f"  {name}: {reason}")
print(f"tests: {passed} passed, {failed} failed, {len(skips)} skipped")
