#!/usr/bin/env bash
# Builds a slim Java 25 runtime image from this machine's JDK, without any registry:
# a jlink'd runtime plus the few shared libraries it links against, on an empty (scratch) image.
# Use it where no registry is reachable (CI, air-gapped workshop servers) as RUNTIME_IMAGE
# for the Dockerfiles in deploy/; online, the Dockerfiles default to eclipse-temurin:25-jre.
#
# Usage: deploy/base/build-local-jre-image.sh [image-name]   (default localhost/mowai/jre:25)
# Needs: buildah (run as root, or rootless with a working user namespace), a JDK 25 in JAVA_HOME.
set -euo pipefail

IMAGE="${1:-localhost/mowai/jre:25}"
JDK="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JDK/bin/jlink" ] || { echo "error: no jlink under JAVA_HOME=$JDK (need a JDK 25)" >&2; exit 1; }

# Modules Quarkus services use at run time; jdk.internal.vm.ci lets the agent runner enable the Graal JIT.
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.cryptoki,jdk.internal.vm.ci,\
jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs"/{etc,tmp,deployments,opt} "$rootfs/etc/ssl/certs"
chmod 1777 "$rootfs/tmp"

"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --output "$rootfs/opt/java"

# Copy every shared library the runtime's binaries need (and the dynamic loader), keeping their paths.
copy_with_parents() { local f="$1"; mkdir -p "$rootfs$(dirname "$f")"; cp -L "$f" "$rootfs$f"; }
find "$rootfs/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 |
  xargs -0 ldd 2>/dev/null | awk '/=> \// {print $3} /^\s*\/lib/ {print $1}' | sort -u |
  while read -r lib; do
    case "$lib" in "$rootfs"*) continue ;; esac
    [ -e "$rootfs$lib" ] || copy_with_parents "$lib"
  done
# libawt_xawt and friends need X11, which a headless server never loads: they are left out on purpose.
for lib in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libnss_files.so.2; do
  [ -e "$lib" ] && { [ -e "$rootfs$lib" ] || copy_with_parents "$lib"; }
done

# A non-root user 185 (the Quarkus images' convention) in group 0, so that files the image owns
# by group stay usable under an arbitrary UID (OpenShift-style) too.
cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
quarkus:x:185:0:Quarkus service:/home/quarkus:/sbin/nologin
PASSWD
printf 'root:x:0:\nquarkus:x:185:\n' > "$rootfs/etc/group"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
[ -f /etc/ssl/certs/ca-certificates.crt ] && cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
mkdir -p "$rootfs/home/quarkus" && chown 185:0 "$rootfs/home/quarkus" "$rootfs/deployments"

ctr="$(buildah from scratch)"
trap 'buildah rm "$ctr" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
buildah copy --quiet "$ctr" "$rootfs" / >/dev/null
buildah config \
  --env JAVA_HOME=/opt/java \
  --env PATH=/opt/java/bin:/usr/bin:/bin \
  --env LANG=C.UTF-8 \
  --workingdir /deployments \
  --user 185:0 \
  --label org.opencontainers.image.description="Java 25 runtime (jlink) built locally from $("$JDK/bin/java" -version 2>&1 | head -1 | tr -d '"')" \
  "$ctr"
buildah commit --quiet --rm "$ctr" "$IMAGE" >/dev/null
trap 'rm -rf "$work"' EXIT
echo "$IMAGE"
