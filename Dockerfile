# syntax=docker/dockerfile:1
# Container image of callrecords-proxy. Build where a Docker engine exists:
#   docker build -t callrecords-proxy:0.1.0 .
# Stage 1 builds with the Maven wrapper on a JDK; stage 2 extracts Spring Boot's layers; stage 3 runs
# them on a pinned JRE as a non-root user. No secret is baked in: configuration comes from the
# environment at run time (see README and the Helm chart).

FROM eclipse-temurin:21.0.9_10-jdk-noble AS build
WORKDIR /workspace
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline -DskipTests || true
COPY api-spec.yaml ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package \
    && cp target/callrecords-proxy-*.jar application.jar

FROM eclipse-temurin:21.0.9_10-jre-noble AS extract
WORKDIR /workspace
COPY --from=build /workspace/application.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21.0.9_10-jre-noble
LABEL org.opencontainers.image.title="callrecords-proxy" \
      org.opencontainers.image.description="Safe, simple access to Microsoft Graph call records for internal apps" \
      org.opencontainers.image.licenses="Proprietary"
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
WORKDIR /application
COPY --from=extract --chown=10001:10001 /workspace/extracted/dependencies/ ./
COPY --from=extract --chown=10001:10001 /workspace/extracted/spring-boot-loader/ ./
COPY --from=extract --chown=10001:10001 /workspace/extracted/snapshot-dependencies/ ./
COPY --from=extract --chown=10001:10001 /workspace/extracted/application/ ./
USER 10001:10001
# Sized for containers: heap from the container's memory limit, temp files in the writable /tmp
# (the root filesystem is read-only in the Helm chart), exit on out-of-memory so Kubernetes restarts.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=50.0 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    SPRING_THREADS_VIRTUAL_ENABLED=true \
    SERVER_PORT=8080
EXPOSE 8080
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
