"""Writes the service models the emulator validates requests against.

Reads botocore's ECR and ECR Public models (service-2.json.gz) from the installed botocore and
keeps what validation needs: metadata, each operation's input shape name, and the shapes that the
inputs reach, without documentation. Output shapes are left out because the emulator never reads
them, and a smaller model parses faster when a test starts the first emulator of a JVM. Run from
the module directory:

    python3 tools/trim-service-model.py
"""

import gzip
import json
import os

import botocore

TARGET = "src/main/resources/dev/ecr4j/testkit/emulator/internal"
KEEP_SHAPE_KEYS = {"type", "members", "required", "member", "key", "value", "min", "max",
                   "pattern", "enum", "exception", "error", "deprecated"}


def trim(service, version, name):
    path = os.path.join(os.path.dirname(botocore.__file__), "data", service, version,
                        "service-2.json.gz")
    model = json.load(gzip.open(path))
    operations = {}
    for op_name, op in model["operations"].items():
        entry = {}
        if "input" in op:
            entry["input"] = op["input"]["shape"]
        operations[op_name] = entry
    reached = set()
    pending = [entry["input"] for entry in operations.values() if "input" in entry]
    while pending:
        shape_name = pending.pop()
        if shape_name in reached:
            continue
        reached.add(shape_name)
        shape = model["shapes"][shape_name]
        pending.extend(member["shape"] for member in shape.get("members", {}).values())
        pending.extend(shape[ref]["shape"] for ref in ("member", "key", "value") if ref in shape)
    shapes = {}
    for shape_name, shape in model["shapes"].items():
        if shape_name not in reached:
            continue
        kept = {k: v for k, v in shape.items() if k in KEEP_SHAPE_KEYS}
        if "members" in kept:
            kept["members"] = {m: {"shape": s["shape"]} for m, s in kept["members"].items()}
        for ref in ("member", "key", "value"):
            if ref in kept:
                kept[ref] = {"shape": kept[ref]["shape"]}
        shapes[shape_name] = kept
    trimmed = {
        "source": "botocore " + botocore.__version__ + " data/" + service + "/" + version
        + "/service-2.json.gz, documentation and output shapes removed",
        "metadata": model["metadata"],
        "operations": operations,
        "shapes": shapes,
    }
    with open(os.path.join(TARGET, name), "w") as out:
        json.dump(trimmed, out, indent=1, sort_keys=True)
        out.write("\n")


trim("ecr", "2015-09-21", "ecr-service-model.json")
trim("ecr-public", "2020-10-30", "ecr-public-service-model.json")
