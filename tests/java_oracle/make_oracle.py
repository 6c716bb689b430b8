"""Rebuild oracle.json: Java's verdict on every botocore pattern of the generated AWS schemas
against probe strings (valid examples and their mutations). Needs a JDK; run from the
repository root: ``python tests/java_oracle/make_oracle.py``. The tests read oracle.json only,
so they need no Java: the table is the independent oracle of AWS's pattern semantics."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
AWS = HERE.parents[1] / "generated" / "automl_objective_generated" / "aws"
ROLE = "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole"
EXAMPLES = {
    "AutoMLJobArn": ["arn:aws:sagemaker:us-east-1:123456789012:automl-job/my-job"],
    "AutoMLJobName": ["automl-job-1", "a--b"],
    "BaseModelName": ["Falcon7BInstruct"],
    "CandidateStepArn": ["arn:aws:sagemaker:us-east-1:123456789012:training-job/abc"],
    "ContainerImage": ["123.dkr.ecr.us-east-1.amazonaws.com/img:1"],
    "ContentType": ["text/csv;header=present"],
    "CountryCode": ["US"],
    "EndpointName": ["my-endpoint"],
    "EnvironmentKey": ["MY_VAR"],
    "EnvironmentValue": ["any value", "two\nlines"],
    "FillingTransformationValue": ["mean"],
    "ForecastFrequency": ["1D", "15min", "11M"],
    "ForecastQuantile": ["p50", "p1"],
    "KmsKeyId": ["arn:aws:kms:us-east-1:123456789012:key/abc"],
    "RoleArn": [ROLE],
    "S3Uri": ["s3://bucket/key", "https://bucket/"],
    "Url": ["s3://bucket/key"],
    "SampleWeightAttributeName": ["weight"],
    "SecurityGroupId": ["sg-0123"],
    "SubnetId": ["subnet-0123"],
    "TagKey": ["team", "équipe 1", "a:b/c=d+e-f@g"],
    "TagValue": ["ml", "٣"],
    "TextGenerationHyperParameterKey": ["epochCount"],
    "TextGenerationHyperParameterValue": ["5"],
}
# Where Java, Python's re and ECMA-262 differ: line terminators, Unicode digits and spaces.
ODD = [
    "\n",
    "\r",
    "\r\n",
    "\u2028",
    "\u2029",
    "\u0085",
    " ",
    "\t",
    "\x0b",
    "\u00a0",
    "_",
    "é",
    "\u0663",
    "\uff11",
    "\u00b2",
    "\u2003",
    "-",
    "\\",
]


def probes(examples: list[str]) -> list[str]:
    found = ["", "a", "A", "0", "\n", *examples]
    for example in examples:
        for odd in ODD:
            found += [example + odd, odd + example, odd + example[1:], example[:-1] + odd]
            digit = next((i for i, c in enumerate(example) if c.isdigit()), None)
            if digit is not None:
                found.append(example[:digit] + odd + example[digit + 1 :])
    return list(dict.fromkeys(found))


def main() -> None:
    patterns = {}
    for path in sorted(AWS.glob("*.schema.json")):
        for name, definition in json.loads(path.read_text("utf-8"))["$defs"].items():
            if "x-aws-pattern" in definition:
                patterns[name] = definition["x-aws-pattern"]
    missing = sorted(set(patterns) - set(EXAMPLES))
    if missing:
        raise SystemExit(f"add examples for {missing}")
    rows = [(name, probe) for name in sorted(patterns) for probe in probes(EXAMPLES[name])]
    hexed = "".join(f"{_hex(patterns[name])}\t{_hex(probe)}\n" for name, probe in rows)
    with tempfile.TemporaryDirectory() as build:
        subprocess.run(["javac", "-d", build, str(HERE / "JavaOracle.java")], check=True)
        verdicts = subprocess.run(
            ["java", "-cp", build, "JavaOracle"],
            input=hexed,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    table: dict[str, dict[str, object]] = {
        name: {"pattern": patterns[name], "cases": []} for name in sorted(patterns)
    }
    for (name, probe), verdict in zip(rows, verdicts, strict=True):
        cases = table[name]["cases"]
        assert isinstance(cases, list)
        cases.append([probe, verdict == "1"])
    (HERE / "oracle.json").write_text(json.dumps(table, indent=1, ensure_ascii=True) + "\n")


def _hex(text: str) -> str:
    units = text.encode("utf-16-be")
    return units.hex()


if __name__ == "__main__":
    main()
