"""Where a JFR recording's CPU samples went, by layer of the stack (for bench/profile/profile.sh).

Each sample counts once, for the innermost frame of a known layer (Jackson, the service's own code,
Reactor, Tomcat, ...): exclusive shares that add up to 100 %, unlike "time in a frame and below".
Usage: python3 bench/profile/layers.py recording.jfr [marker ...]
Markers (substrings of frame names) also get their inclusive share: samples with such a frame anywhere.
"""
import collections
import os
import re
import shutil
import subprocess
import sys

LAYERS = [("jackson", "tools.jackson"), ("jackson", "com.fasterxml.jackson"), ("service code", "io.callrecords.proxy"),
          ("resilience4j", "io.github.resilience4j"), ("logging", "ch.qos.logback"), ("logging", "org.slf4j"),
          ("micrometer observation/tracing", "io.micrometer.observation"),
          ("micrometer observation/tracing", "io.micrometer.tracing"), ("micrometer observation/tracing", "io.opentelemetry"),
          ("micrometer metrics", "io.micrometer.core"), ("reactor netty (WebClient)", "reactor.netty"),
          ("netty", "io.netty"), ("reactor core", "reactor.core"), ("spring webclient", "org.springframework.web.reactive"),
          ("spring security", "org.springframework.security"), ("spring mvc", "org.springframework.web.servlet"),
          ("spring web", "org.springframework.web"), ("spring http", "org.springframework.http"),
          ("spring core/util", "org.springframework"), ("tomcat", "org.apache"), ("servlet api", "jakarta.servlet")]


def samples(recording):
    # the JDK that recorded it reads it best: $JFR, else Temurin 25's, else the one on PATH
    temurin = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr"
    jfr = os.environ.get("JFR") or (temurin if os.path.exists(temurin) else shutil.which("jfr") or "jfr")
    text = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "256", recording],
                          capture_output=True, text=True, check=True).stdout
    result, frames = [], None
    for line in text.splitlines():
        if line.startswith("jdk.ExecutionSample"):
            frames = []
            result.append(["", frames])
        elif "sampledThread" in line:
            found = re.search(r'"([^"]*)"', line)
            result[-1][0] = found.group(1) if found else ""
        else:
            frame = re.match(r"\s+([\w$.<>/]+)\(", line)
            if frame and frames is not None:
                frames.append(frame.group(1))
    return result


def layer(frames):
    for frame in frames:
        for name, prefix in LAYERS:
            if frame.startswith(prefix):
                return name
    return "JDK only"


def main():
    recorded = samples(sys.argv[1])
    total = len(recorded) or 1
    threads, layers = collections.Counter(), collections.Counter()
    for thread, frames in recorded:
        threads["Reactor Netty event loops (Graph calls)" if thread.startswith("reactor-http") else
                "request threads (Tomcat)" if thread.startswith(("tomcat-handler", "http-nio")) else "other"] += 1
        layers[layer(frames)] += 1
    print(f"{len(recorded)} CPU samples")
    for name, count in threads.most_common():
        print(f"{100 * count / total:5.1f} %  {name}")
    print("by layer (innermost known frame):")
    for name, count in layers.most_common():
        print(f"{100 * count / total:5.1f} %  {name}")
    for marker in sys.argv[2:]:
        count = sum(1 for _, frames in recorded if any(marker in frame for frame in frames))
        print(f"{100 * count / total:5.1f} %  anywhere in the stack: {marker}")


if __name__ == "__main__":
    main()
