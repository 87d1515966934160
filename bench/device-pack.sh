#!/usr/bin/env bash
# Builds, under .device/ (gitignored), everything a benchmark call on the GPU machine of
# ../shared/device/README.md carries, so a fresh checkout is ready in one step:
#   .device/gl, .device/jdk   from ../shared/device/prepare.sh (GL loader debs, trimmed JDK)
#   .device/lib               runtime dependencies of bench (no JLite jars)
#   .device/jl                this checkout's JLite module jars
#   .device/models            the small benchmark models (the model cache is filled first)
#   .device/pipeline-models   the pipelines' detectors and landmark models (pipelines.sh)
#   .device/pack              the JDK, xz-compressed (the 64 MiB carry limit)
#   .device/heavy             pose_landmark_heavy, xz-compressed
#   .device/scripts/prefix.sh what every device command sources first
#   .device/scripts/table.sh  the full DeviceBench table of bench/RESULTS.md
#   .device/scripts/pipelines.sh  the same for the pipelines' detectors and landmark models
# Usage, from anywhere in the checkout: bench/device-pack.sh   (again after a code change: it
# rebuilds the jars and keeps what is already packed)
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
../shared/device/prepare.sh
# Carried as they are; pose_landmark_heavy (27 MiB) travels compressed in .device/heavy.
small=(face_detection_short_range selfie_segmentation hand_landmark_lite pose_landmark_lite)
# The detectors and landmark models of the MediaPipe pipelines (pipelines.sh), 13 MiB in all:
# with heavy they pass the carry limit, so pipelines.sh is a call of its own (second carry list).
pipeline=(pose_detection palm_detection_lite palm_detection_full face_landmark hand_recrop
  object_detection_3d_cup)
models/fetch-models.sh "${small[@]}" "${pipeline[@]}" pose_landmark_heavy
mvn -q -DskipTests package -pl bench -am
cache="${JLITE_MODELS_DIR:-models/cache}"
mkdir -p .device/lib .device/jl .device/models .device/pipeline-models .device/pack .device/heavy \
  .device/scripts
rm -f .device/lib/*.jar .device/jl/*.jar
cp bench/target/lib/*.jar .device/lib/
rm -f .device/lib/jlite-*.jar
for m in bench desktop-gpu gles-delegate gpu-common models reference-cpu; do
  cp "$m/target/jlite-$m-0.1.0-SNAPSHOT.jar" .device/jl/
done
for m in "${small[@]}"; do
  cp "$cache/$m.tflite" .device/models/
done
for m in "${pipeline[@]}"; do
  cp "$cache/$m.tflite" .device/pipeline-models/
done
# Earlier packs kept heavy next to the JDK.
[ -s .device/pack/heavy.xz ] && mv .device/pack/heavy.xz .device/heavy/heavy.xz
[ -s .device/heavy/heavy.xz ] || xz -6 -kc "$cache/pose_landmark_heavy.tflite" > .device/heavy/heavy.xz
[ -s .device/pack/jdk.tar.xz ] || tar cf - -C .device jdk | xz -6 > .device/pack/jdk.tar.xz
cat > .device/scripts/prefix.sh <<'P'
# Sourced first by every device command: unpacks the JDK and heavy, sets up EGL/OpenCL and $J.
[ -x .device/jdk/bin/java ] || (cd .device && xz -dc pack/jdk.tar.xz | tar xf -)
if [ -s .device/heavy/heavy.xz ] && [ ! -s .device/models/pose_landmark_heavy.tflite ]; then
  mkdir -p .device/models; xz -dc .device/heavy/heavy.xz > .device/models/pose_landmark_heavy.tflite
fi
for f in .device/gl/*.deb; do dpkg -x "$f" /; done; ldconfig
mkdir -p /etc/OpenCL/vendors; echo libnvidia-opencl.so.1 > /etc/OpenCL/vendors/nvidia.icd
export PATH=$PWD/.device/jdk/bin:$PATH
export JLITE_MODELS_DIR=$PWD/.device/models
mkdir -p "$OUT/r"
J="java -XX:ErrorFile=$OUT/r/hs_err_%p.log"
CP=".device/jl/*:.device/lib/*"
P
# The full table of RESULTS.md (every column, the five models), in one call of under 10 minutes.
cat > .device/scripts/table.sh <<'P'
. .device/scripts/prefix.sh
timeout 540 $J -cp "$CP" io.jlite.bench.DeviceBench --runs 200 --cpu-runs 3 pose_landmark_heavy \
  face_detection_short_range hand_landmark_lite pose_landmark_lite selfie_segmentation > $OUT/r/db.txt 2>&1
echo "exit $?"; grep "^|" $OUT/r/db.txt
P
# The pipelines' other models: OpenCL fp32/fp16 against XNNPACK and the reference, no GLES.
cat > .device/scripts/pipelines.sh <<'P'
. .device/scripts/prefix.sh
export JLITE_MODELS_DIR=$PWD/.device/pipeline-models
timeout 400 $J -cp "$CP" io.jlite.bench.DeviceBench --runs 200 --cpu-runs 3 --skip gles,start \
  pose_detection palm_detection_lite palm_detection_full face_landmark hand_recrop \
  object_detection_3d_cup > $OUT/r/pipelines.txt 2>&1
echo "exit $?"; grep "^|" $OUT/r/pipelines.txt
P
du -sh .device/pack .device/heavy .device/lib .device/jl .device/gl .device/models \
  .device/pipeline-models .device/scripts
echo 'carry: [".device/pack", ".device/heavy", ".device/lib", ".device/jl", ".device/gl", ".device/models", ".device/scripts"]'
echo 'carry for pipelines.sh: [".device/pack", ".device/lib", ".device/jl", ".device/gl", ".device/pipeline-models", ".device/scripts"]'
