"""Fail when pytest ran no test or skipped any: a skipped test hides missing work."""

import sys
import xml.etree.ElementTree as ET


def main(path):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        print(f"No test report ({exc}): pytest did not run.", file=sys.stderr)
        return 1
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = sum(int(s.get("tests", 0)) for s in suites)
    skipped = [
        f"{case.get('classname')}.{case.get('name')}: {skip.get('message', '')}"
        for s in suites
        for case in s.iter("testcase")
        for skip in case.findall("skipped")
    ]
    if total == 0:
        print("No test was collected: nothing was checked.", file=sys.stderr)
        return 1
    if skipped:
        print(f"{len(skipped)} skipped test(s); this project allows none:", file=sys.stderr)
        print("\n".join(f"  {line}" for line in skipped), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
