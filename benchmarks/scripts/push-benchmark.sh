#!/usr/bin/env bash
# Pushes a 1 GiB image of 8 incompressible layers to Debian's docker-registry on 127.0.0.1, with
# ecr4j (java -Xmx64m) and with skopeo, alternating, and prints the times and ecr4j's peak heap.
#
# Usage: benchmarks/scripts/push-benchmark.sh [RUNS]   (default 3 runs of each client)
# Needs: ecr-cli/target/ecr4j.jar (./mvnw -B -q -pl ecr-cli -am package -DskipTests),
#        /usr/bin/docker-registry, skopeo, python3, gzip. About 3 GiB of free space in $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs="${1:-3}"
jar="ecr-cli/target/ecr4j.jar"
layers=8
layer_mib=128

[ -f "$jar" ] || { echo "error: $jar is missing; build it with ./mvnw -B -q -pl ecr-cli -am package -DskipTests" >&2; exit 2; }
for tool in /usr/bin/docker-registry skopeo python3 gzip; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/ecr4j-push-bench.XXXXXX")"
registry_pid=""
cleanup() {
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The image: each layer is a tar of one file of random bytes, gzip-compressed with -1. Random
#    bytes do not compress, and an already compressed layer is sent as it is by both clients
#    (skopeo would otherwise gzip uncompressed layers on the way, which would measure gzip).
echo "building a ${layers} x ${layer_mib} MiB image in $work/layout ..."
mkdir -p "$work/layout/blobs/sha256" "$work/src"
for i in $(seq 1 "$layers"); do
  head -c $((layer_mib * 1024 * 1024)) /dev/urandom > "$work/src/data-$i.bin"
  tar -C "$work/src" -cf "$work/layer-$i.tar" "data-$i.bin"
  rm "$work/src/data-$i.bin"
  gzip -1 -n -c "$work/layer-$i.tar" > "$work/layer-$i.tar.gz"
done
python3 - "$work" "$layers" <<'PY'
import hashlib, json, os, sys
work, layers = sys.argv[1], int(sys.argv[2])
blobs = os.path.join(work, "layout", "blobs", "sha256")

def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

def put(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, digest), "wb") as handle:
        handle.write(data)
    return digest, len(data)

diff_ids, descriptors = [], []
for i in range(1, layers + 1):
    tar = os.path.join(work, "layer-%d.tar" % i)
    gz = tar + ".gz"
    diff_ids.append("sha256:" + sha256_file(tar))
    digest = sha256_file(gz)
    size = os.path.getsize(gz)
    os.rename(gz, os.path.join(blobs, digest))
    os.remove(tar)
    descriptors.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                        "digest": "sha256:" + digest, "size": size})
config = json.dumps({"architecture": "amd64", "os": "linux",
                     "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
config_digest, config_size = put(config)
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                  "digest": "sha256:" + config_digest, "size": config_size},
                       "layers": descriptors}).encode()
manifest_digest, manifest_size = put(manifest)
with open(os.path.join(work, "layout", "oci-layout"), "w") as handle:
    handle.write('{"imageLayoutVersion":"1.0.0"}')
with open(os.path.join(work, "layout", "index.json"), "w") as handle:
    json.dump({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "digest": "sha256:" + manifest_digest, "size": manifest_size,
        "annotations": {"org.opencontainers.image.ref.name": "bench"}}]}, handle)
print("image sha256:%s, %d bytes of layers" % (manifest_digest, sum(d["size"] for d in descriptors)))
PY

# 2. A fresh registry per run, so that every push uploads every blob.
start_registry() {
  local storage="$work/storage"
  rm -rf "$storage"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  cat > "$work/config.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage
http:
  addr: 127.0.0.1:$port
YML
  /usr/bin/docker-registry serve "$work/config.yml" > "$work/registry.log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 1 100); do
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/v2/')" 2>/dev/null; then return; fi
    sleep 0.1
  done
  echo "error: docker-registry did not start" >&2; exit 1
}
# Prints the CPU seconds (user + system) the registry has used so far, from /proc.
registry_cpu() {
  python3 - "$registry_pid" <<'PY'
import os, sys
fields = open("/proc/%s/stat" % sys.argv[1]).read().rsplit(")", 1)[1].split()
print("%.2f" % ((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")))
PY
}
stop_registry() {
  last_registry_cpu="$(registry_cpu)"
  kill "$registry_pid"; wait "$registry_pid" 2>/dev/null || true; registry_pid=""
}

now() { date +%s.%N; }
ecr4j_times=()
skopeo_times=()
peak_heaps=()

# Where the time goes: the CPU time of each client and of the registry, and, as a yardstick, the
# time sha256sum takes to hash the layers once, which is the registry's least work per push.
begin=$(now)
sha256sum "$work"/layout/blobs/sha256/* > /dev/null
end=$(now)
echo "hashing the layers once with sha256sum: $(python3 -c "print('%.2f' % ($end - $begin))") s"
for run in $(seq 1 "$runs"); do
  start_registry
  begin=$(now)
  /usr/bin/time -f "%U %S" -o "$work/ecr4j-cpu" \
    java -Xmx64m -Xlog:gc:file="$work/gc-$run.log" -jar "$jar" push "oci:$work/layout:bench" "127.0.0.1:$port/bench/app:ecr4j" --insecure -q
  end=$(now)
  ecr4j_times+=("$(python3 -c "print('%.2f' % ($end - $begin))")")
  # The peak heap is the largest "before" value of the GC log's "NNM->NNM(NNM)" pauses.
  peak_heaps+=("$(python3 - "$work/gc-$run.log" <<'PY'
import re, sys
values = [int(before) for before in re.findall(r"(\d+)M->\d+M\(\d+M\)", open(sys.argv[1]).read())]
print(max(values) if values else 0)
PY
)")
  stop_registry
  ecr4j_cpu="$(awk '{printf "%.2f", $1 + $2}' "$work/ecr4j-cpu")"
  ecr4j_registry_cpu="$last_registry_cpu"

  start_registry
  begin=$(now)
  /usr/bin/time -f "%U %S" -o "$work/skopeo-cpu" skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$work/layout:bench" "docker://127.0.0.1:$port/bench/app:skopeo"
  end=$(now)
  skopeo_times+=("$(python3 -c "print('%.2f' % ($end - $begin))")")
  stop_registry
  skopeo_cpu="$(awk '{printf "%.2f", $1 + $2}' "$work/skopeo-cpu")"
  echo "run $run: ecr4j ${ecr4j_times[-1]} s (peak heap ${peak_heaps[-1]} MiB of 64), skopeo ${skopeo_times[-1]} s"
  echo "  CPU seconds: ecr4j ${ecr4j_cpu} (registry ${ecr4j_registry_cpu}), skopeo ${skopeo_cpu} (registry ${last_registry_cpu})"
done

python3 - "${ecr4j_times[*]}" "${skopeo_times[*]}" "${peak_heaps[*]}" <<'PY'
import statistics, sys
ecr4j = [float(x) for x in sys.argv[1].split()]
skopeo = [float(x) for x in sys.argv[2].split()]
heaps = [int(x) for x in sys.argv[3].split()]
print("median: ecr4j %.2f s, skopeo %.2f s, ratio %.2f; max peak heap %d MiB (-Xmx64m)"
      % (statistics.median(ecr4j), statistics.median(skopeo),
         statistics.median(ecr4j) / statistics.median(skopeo), max(heaps)))
PY
