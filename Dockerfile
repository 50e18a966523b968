# Container image of callrecords-proxy. Build where a Docker engine exists:
#   docker build -t callrecords-proxy:0.1.0 .
# Plain Dockerfile syntax (no BuildKit-only features), so that Docker's legacy builder, which
# Testcontainers uses in ImageIntegrationTests, builds it too; Maven's downloads are cached in their
# own layer, which changes only with pom.xml.
# Stage 1 builds with the Maven wrapper on a JDK (the code targets Java 17); stage 2 extracts Spring
# Boot's layers; stage 3 runs them on a pinned Java 25 JRE as a non-root user, started from an AOT
# cache trained in the image. No secret is baked in: configuration comes from the environment at run
# time (see README and the Helm chart).

FROM eclipse-temurin:25.0.3_9-jdk-noble AS build
WORKDIR /workspace
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline -DskipTests || true
COPY api-spec.yaml ./
COPY src/ src/
# -Pspring-aot: Spring AOT's processing (see the last stage), on this JDK 25 so that virtual threads are in
RUN ./mvnw -B -q -Pspring-aot -Dmaven.test.skip=true -Dspring-javaformat.skip=true package \
    && cp target/callrecords-proxy-*.jar application.jar

FROM eclipse-temurin:25.0.3_9-jre-noble AS extract
WORKDIR /workspace
COPY --from=build /workspace/application.jar application.jar
# a thin application.jar with its libraries in lib/: plain jars on the class path, which the AOT cache needs
RUN java -Djarmode=tools -jar application.jar extract --layers --application-filename application.jar \
    --destination extracted

FROM eclipse-temurin:25.0.3_9-jre-noble
LABEL org.opencontainers.image.title="callrecords-proxy" \
      org.opencontainers.image.description="Safe, simple access to Microsoft Graph call records for internal apps" \
      org.opencontainers.image.licenses="Proprietary"
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
WORKDIR /application
# owned by root: the service's user reads its code but cannot change it, even on a writable filesystem
COPY --from=extract /workspace/extracted/dependencies/ ./
COPY --from=extract /workspace/extracted/spring-boot-loader/ ./
COPY --from=extract /workspace/extracted/snapshot-dependencies/ ./
COPY --from=extract /workspace/extracted/application/ ./
# Sized for containers: heap up to 60 % of the container's memory limit, because the rest of the JVM
# (AOT cache, metaspace, compiled code, G1's bookkeeping, threads) takes about 175 MiB idle and more
# under load (native memory tracking), and a pod must stay inside its limit; the initial heap stays
# small, so an idle replica holds little memory. G1 is named because under the chart's 768Mi limit the JVM would pick the serial collector,
# which grew the process to 778 MiB under the benchmark's load where G1 stayed at about 360 MiB
# (docs/benchmarks.md). Temp files go to the writable /tmp (the root filesystem is read-only in the
# Helm chart); out-of-memory exits, so Kubernetes restarts the pod.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60.0 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    SPRING_THREADS_VIRTUAL_ENABLED=true \
    SERVER_PORT=8080
# Spring AOT: the application context's configuration was worked out when the image was built (the
# bean definitions as generated code, no condition evaluated at start: about a third less CPU to
# ready, docs/benchmarks.md). That fixed what Spring Boot's conditions decide, so the image fixes it
# too: the actuator on its own port (as the Helm chart runs it; any port other than SERVER_PORT),
# virtual threads on, the default profile. A start asking for anything else is refused with the
# setting named (SpringAotSettings); JDK_JAVA_OPTIONS=-Dspring.aot.enabled=false starts without
# Spring AOT instead, slower, with every setting honoured (README, "Image").
ENV JDK_JAVA_OPTIONS="-Dspring.aot.enabled=true" \
    MANAGEMENT_SERVER_PORT=8081
# AOT cache (JEP 483/514): the classes a start loads and links, stored once so that every start skips
# that work (about half the startup time, see docs/benchmarks.md). Trained here, with the JRE, class
# path and options the service runs with, and a heap sized as under the chart's limit (MaxRAM): a build
# host with a huge memory would otherwise train without compressed pointers, and pods would then
# ignore the cache. The training run stops once the application context is refreshed and calls
# nothing; its settings are placeholders that exist only for that run. It runs with Spring AOT (the
# JDK_JAVA_OPTIONS above), as the service does.
RUN env AZURE_TENANT_ID=00000000-0000-0000-0000-000000000000 AZURE_CLIENT_ID=00000000-0000-0000-0000-000000000000 \
        AZURE_CLIENT_SECRET=aot-training-placeholder PROXY_AUTH_AUDIENCE=api://aot-training \
        PROXY_AUTH_JWK_SET_URI=http://127.0.0.1:9/aot-training/keys \
    java -XX:MaxRAM=768m -XX:AOTCacheOutput=application.aot -Dspring.context.exit=onRefresh -jar application.jar
USER 10001:10001
EXPOSE 8080 8081
ENTRYPOINT ["java", "-XX:AOTCache=application.aot", "-jar", "application.jar"]
