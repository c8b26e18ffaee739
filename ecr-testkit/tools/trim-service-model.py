"""Writes the service models the emulator validates requests against.

Reads botocore's ECR and ECR Public models (service-2.json.gz) from the installed botocore and
keeps what validation needs: metadata, each operation's input and output shape names, and the
shapes without documentation. Run from the module directory:

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
        if "output" in op:
            entry["output"] = op["output"]["shape"]
        operations[op_name] = entry
    shapes = {}
    for shape_name, shape in model["shapes"].items():
        kept = {k: v for k, v in shape.items() if k in KEEP_SHAPE_KEYS}
        if "members" in kept:
            kept["members"] = {m: {"shape": s["shape"]} for m, s in kept["members"].items()}
        for ref in ("member", "key", "value"):
            if ref in kept:
                kept[ref] = {"shape": kept[ref]["shape"]}
        shapes[shape_name] = kept
    trimmed = {
        "source": "botocore " + botocore.__version__ + " data/" + service + "/" + version
        + "/service-2.json.gz, documentation removed",
        "metadata": model["metadata"],
        "operations": operations,
        "shapes": shapes,
    }
    with open(os.path.join(TARGET, name), "w") as out:
        json.dump(trimmed, out, indent=1, sort_keys=True)
        out.write("\n")


trim("ecr", "2015-09-21", "ecr-service-model.json")
trim("ecr-public", "2020-10-30", "ecr-public-service-model.json")
